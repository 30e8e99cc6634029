import TextmillDocuments
import TextmillJSON

/// `DocumentChunk` ↔ chunk-frame payload, and `ChunkResult` ↔ result-frame payload.
///
/// Source names are sent once per chunk in a table (every document of a chunk usually comes from
/// the same file); JSONL lines travel as the raw bytes the reader saw, runs of them in one piece
/// (a `jsonLines` entry), which the worker splits.
public enum ChunkWireFormat {
    private enum Tag: UInt8 { case jsonLine = 0, extracted = 1, unreadable = 2, jsonLines = 3 }
    private enum PayloadTag: UInt8 { case none = 0, tokenIDs = 1, partials = 2, signatures = 3 }

    /// The chunk-frame payload. Each entry is one document, or (`jsonLines`) a run of raw lines
    /// standing for `lineCount` documents, sent as the bytes the reader saw.
    public static func encode(_ chunk: DocumentChunk) -> [UInt8] {
        var w = WireEncoder(capacity: chunk.byteCount + 64)
        encode(chunk, into: &w)
        return w.bytes
    }

    /// The whole chunk frame (header included), written into one buffer.
    public static func frame(_ chunk: DocumentChunk) -> [UInt8] {
        var w = WireEncoder(capacity: Frame.headerSize + chunk.byteCount + 64)
        Frame.appendHeader(.chunk, length: 0, to: &w.bytes)
        encode(chunk, into: &w)
        let length = w.bytes.count - Frame.headerSize
        w.bytes.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(length).littleEndian, toByteOffset: 4, as: UInt32.self) }
        return w.bytes
    }

    private static func encode(_ chunk: DocumentChunk, into w: inout WireEncoder) {
        let parts = chunk.parts
        w.bytes.reserveCapacity(w.bytes.count + chunk.byteCount + 32 * parts.count + 64)
        w.u64(chunk.index)
        // Consecutive documents almost always share their source: compare with the previous
        // one before hashing (this runs for every entry on the coordinator).
        var sources: [String] = []
        var sourceIndex: [String: Int] = [:]
        var indices: [Int] = []
        indices.reserveCapacity(parts.count)
        for part in parts {
            let source: String
            switch part {
            case .document(let document): source = document.locator.source
            case .lines(let run): source = run.source
            }
            if let last = sources.last, last == source {
                indices.append(sources.count - 1)
            } else if let known = sourceIndex[source] {
                indices.append(known)
            } else {
                sourceIndex[source] = sources.count
                indices.append(sources.count)
                sources.append(source)
            }
        }
        w.u32(sources.count)
        for source in sources { w.string(source) }
        w.u32(parts.count)
        for (part, source) in zip(parts, indices) {
            guard case .document(let document) = part else {
                guard case .lines(let run) = part else { continue }
                w.u32(source)
                w.u64(run.firstLine)
                w.u8(Tag.jsonLines.rawValue)
                w.u32(run.lineCount)
                w.u32(run.byteCount)
                w.blob(run.bytes)
                continue
            }
            w.u32(source)
            w.u64(document.locator.line)
            switch document.payload {
            case .jsonLine(let line):
                w.u8(Tag.jsonLine.rawValue)
                w.blob(line)
            case .extracted(let id, let text, let carried):
                w.u8(Tag.extracted.rawValue)
                w.blob(id.map { Array($0.jsonText.utf8) } ?? [])
                w.blob(text)
                w.u32(carried.count)
                for field in carried {
                    w.string(field.key)
                    w.string(field.value.jsonText)
                }
            case .unreadable(let error):
                w.u8(Tag.unreadable.rawValue)
                w.string(error.code.rawValue)
                w.string(error.message)
            }
        }
    }

    public static func decodeChunk(_ payload: [UInt8]) throws(FrameError) -> DocumentChunk {
        var r = WireDecoder(payload)
        let index = try r.u64()
        let sourceCount = try r.u32()
        var sources: [String] = []
        for _ in 0..<sourceCount { sources.append(try r.string()) }
        let count = try r.u32()
        guard count <= payload.count else { throw FrameError("chunk claims \(count) documents") }
        var documents: [InputDocument] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            let source = try r.u32()
            guard source < sources.count else { throw FrameError("bad source index \(source)") }
            let locator = DocumentLocator(source: sources[source], line: try r.u64())
            let payload: InputDocument.Payload
            switch Tag(rawValue: try r.u8()) {
            case .jsonLine:
                payload = .jsonLine(try r.blob())
            case .jsonLines:
                let lineCount = try r.u32()
                let byteCount = try r.u32()
                let run = JSONLineRun(
                    source: locator.source, firstLine: locator.line, lineCount: lineCount,
                    byteCount: byteCount, bytes: try r.blob())
                guard let lines = run.documents() else { throw FrameError("line run does not hold \(lineCount) lines") }
                documents.append(contentsOf: lines)
                continue
            case .extracted:
                let idText = try r.blob()
                let id = idText.isEmpty ? nil : try json(idText)
                let text = try r.blob()
                var carried: [(key: String, value: JSONValue)] = []
                for _ in 0..<(try r.u32()) {
                    let key = try r.string()
                    carried.append((key, try json(try r.blob())))
                }
                payload = .extracted(id: id, text: text, carried: carried)
            case .unreadable:
                let code = try r.string()
                guard let known = DocumentError.Code(rawValue: code) else { throw FrameError("unknown error code \(code)") }
                payload = .unreadable(DocumentError(known, try r.string()))
            case nil:
                throw FrameError("unknown document tag")
            }
            documents.append(InputDocument(locator: locator, payload: payload))
        }
        guard r.isAtEnd else { throw FrameError("trailing bytes after chunk") }
        return DocumentChunk(index: index, documents: documents)
    }

    /// A result frame's payload: its fields (`encodeFields`), then the records.
    public static func encode(_ result: ChunkResult) -> [UInt8] {
        var bytes = encodeFields(result, reservingRecords: true)
        bytes.append(contentsOf: result.records)
        return bytes
    }

    /// Everything of a result frame's payload before the records. A worker writes these bytes
    /// and the records side by side (`BlockingPipe.writeFrame`), so its records are never copied
    /// into a payload first.
    public static func encodeFields(_ result: ChunkResult) -> [UInt8] {
        encodeFields(result, reservingRecords: false)
    }

    private static func encodeFields(_ result: ChunkResult, reservingRecords: Bool) -> [UInt8] {
        var payloadBytes = 0
        switch result.payload {
        case .tokenIDs(let columns): payloadBytes = 4 * (columns.counts.count + columns.ids.count) + 8
        case .signatures(let signatures):
            payloadBytes = signatures.reduce(4) { $0 + 20 + $1.id.count + 8 * ($1.minHash.count + $1.shingles.count) }
        default: break
        }
        let failureBytes = result.failures.reduce(0) { $0 + 16 + $1.error.code.rawValue.utf8.count + $1.error.message.utf8.count }
        var w = WireEncoder(capacity: (reservingRecords ? result.records.count : 0) + failureBytes + payloadBytes + 32)
        w.u64(result.index)
        w.u32(result.documentsOK)
        w.u64(result.invalidSequencesReplaced)
        w.u32(result.failures.count)
        for failure in result.failures {
            w.u32(failure.position)
            w.string(failure.error.code.rawValue)
            w.string(failure.error.message)
        }
        switch result.payload {
        case .none:
            w.u8(PayloadTag.none.rawValue)
        case .tokenIDs(let columns):
            w.u8(PayloadTag.tokenIDs.rawValue)
            w.u32Array(columns.counts)
            w.u32Array(columns.ids)
        case .partials(let partials):
            w.u8(PayloadTag.partials.rawValue)
            w.u32(partials.count)
            for partial in partials { w.blob(partial) }
        case .signatures(let signatures):
            w.u8(PayloadTag.signatures.rawValue)
            w.u32(signatures.count)
            for signature in signatures {
                w.blob(signature.id)
                w.u64(Int(truncatingIfNeeded: signature.exactHash))
                w.u32(signature.minHash.count)
                for v in signature.minHash { w.u64(Int(truncatingIfNeeded: v)) }
                w.u32(signature.shingles.count)
                for v in signature.shingles { w.u64(Int(truncatingIfNeeded: v)) }
            }
        }
        return w.bytes
    }

    public static func decodeResult(_ payload: [UInt8]) throws(FrameError) -> ChunkResult {
        var bytes = payload
        return try decodeResult(taking: &bytes)
    }

    /// Decodes a result payload and keeps its storage for the records (the fields before them are
    /// removed in place), so a large result is not copied when `payload` held the only reference.
    public static func decodeResult(taking payload: inout [UInt8]) throws(FrameError) -> ChunkResult {
        try decodeResult(taking: &payload, range: 0..<payload.count)
    }

    /// Decodes the result payload `bytes[range]`, where `range` runs to the end of `bytes` (a
    /// frame handed over whole with its header), keeping the storage of `bytes` for the records:
    /// the header and fields before them are removed in place.
    public static func decodeResult(taking bytes: inout [UInt8], range: Range<Int>) throws(FrameError) -> ChunkResult {
        precondition(range.upperBound == bytes.count, "decodeResult(taking:range:): the payload must end the bytes")
        var (result, recordsStart) = try decodeResultFields(bytes, range: range)
        var records = bytes
        bytes = []
        records.removeSubrange(0..<range.lowerBound + recordsStart)
        result.records = records
        return result
    }

    /// Decodes the result payload `bytes[range]` (a frame still in the receive buffer): the fields
    /// are read in place and the records copied out once.
    public static func decodeResult(in bytes: [UInt8], range: Range<Int>) throws(FrameError) -> ChunkResult {
        var (result, recordsStart) = try decodeResultFields(bytes, range: range)
        result.records = Array(bytes[range.lowerBound + recordsStart..<range.upperBound])
        return result
    }

    /// The result without its records, and where they start in `payload` (from `range`'s start).
    private static func decodeResultFields(_ payload: [UInt8], range: Range<Int>? = nil) throws(FrameError) -> (ChunkResult, Int) {
        let window = range ?? 0..<payload.count
        let size = window.count
        var r = WireDecoder(payload, range: window)
        let index = try r.u64()
        let ok = try r.u32()
        let replaced = try r.u64()
        let failedCount = try r.u32()
        guard failedCount <= size else { throw FrameError("result claims \(failedCount) failures") }
        var failures: [DocumentFailure] = []
        failures.reserveCapacity(failedCount)
        for _ in 0..<failedCount {
            let position = try r.u32()
            let code = try r.string()
            guard let known = DocumentError.Code(rawValue: code) else { throw FrameError("unknown error code \(code)") }
            failures.append(DocumentFailure(position: position, error: DocumentError(known, try r.string())))
        }
        let extra: ChunkPayload
        switch PayloadTag(rawValue: try r.u8()) {
        case .none?: extra = .none
        case .tokenIDs?:
            let counts = try r.u32Array()
            let ids = try r.u32Array()
            guard counts.reduce(0, { $0 + Int($1) }) == ids.count else { throw FrameError("token id counts do not add up") }
            extra = .tokenIDs(TokenIDColumns(counts: counts, ids: ids))
        case .partials?:
            let count = try r.u32()
            guard count <= size else { throw FrameError("result claims \(count) partials") }
            var partials: [[UInt8]] = []
            for _ in 0..<count { partials.append(try r.blob()) }
            extra = .partials(partials)
        case .signatures?:
            let count = try r.u32()
            guard count <= size else { throw FrameError("result claims \(count) signatures") }
            var signatures: [DocumentSignature] = []
            for _ in 0..<count {
                let id = try r.blob()
                let exactHash = UInt64(truncatingIfNeeded: try r.u64())
                let minHash = try u64s(&r, size: size)
                signatures.append(
                    DocumentSignature(id: id, exactHash: exactHash, minHash: minHash, shingles: try u64s(&r, size: size)))
            }
            extra = .signatures(signatures)
        case nil: throw FrameError("unknown result payload tag")
        }
        var result = ChunkResult(index: index, records: [], documentsOK: ok, failures: failures)
        result.payload = extra
        result.invalidSequencesReplaced = replaced
        return (result, r.position)
    }

    /// A u32 count, then that many u64s.
    private static func u64s(_ r: inout WireDecoder, size: Int) throws(FrameError) -> [UInt64] {
        let count = try r.u32()
        guard count <= size / 8 else { throw FrameError("result claims \(count) hashes") }
        var values: [UInt64] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(UInt64(truncatingIfNeeded: try r.u64())) }
        return values
    }

    private static func json(_ bytes: [UInt8]) throws(FrameError) -> JSONValue {
        do { return try JSONValue.parse(bytes) } catch { throw FrameError("bad JSON in chunk: \(error)") }
    }
}
