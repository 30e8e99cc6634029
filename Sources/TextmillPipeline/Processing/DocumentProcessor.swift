import TextmillJSON
import TextmillDocuments

/// Turns input documents into finished JSONL bytes: decode, run every stage, write the record.
///
/// One per worker (it owns the stage runners and the reused `Analysis`). Never throws for a
/// bad document: the document's error record is written in its place and counted.
public final class DocumentProcessor {
    public let pipeline: Pipeline
    public let fields: InputFields
    private let runners: [any StageRunner]
    private let recordWriter: RecordWriter
    private let analysis = Analysis()
    /// Feature values formatted so far (`hashing`'s and `tfidf`'s normalized vectors repeat them).
    private let doubleTexts = DoubleTextCache()
    private let textKey: [[UInt8]]
    private let idKey: [[UInt8]]
    /// False: a document that succeeds gets an empty line in place of its record (error and
    /// rejection records are still written), for tasks that only need its analysis, such as
    /// binary token shards, which take the ids from the chunk's payload.
    public let writesRecords: Bool
    public private(set) var stats = ProcessingStats()

    public init(pipeline: Pipeline, fields: InputFields = InputFields(), writesRecords: Bool = true) throws {
        self.pipeline = pipeline
        self.fields = fields
        self.writesRecords = writesRecords
        self.runners = try Self.makeRunners(pipeline.stages)
        self.recordWriter = RecordWriter(spec: pipeline.output)
        self.textKey = fields.textPath.map { Array($0.utf8) }
        self.idKey = fields.idPath.map { Array($0.utf8) }
    }

    /// One runner per stage, except that a `words` stage directly followed by `filter_types`
    /// becomes one runner that does not emit the types the filter drops: the same tokens, without
    /// storing and then removing half of the segments (white space, punctuation).
    static func makeRunners(_ stages: [any PipelineStage]) throws -> [any StageRunner] {
        var runners: [any StageRunner] = []
        var i = 0
        while i < stages.count {
            if let words = stages[i] as? WordSegmenter, i + 1 < stages.count,
                let filter = stages[i + 1] as? TokenTypeFilter
            {
                runners.append(try words.makeRunner(dropping: filter.dropped))
                i += 2
                continue
            }
            runners.append(try stages[i].makeRunner())
            i += 1
        }
        return runners
    }

    /// Processes one document and appends its record (or error record) to `out`.
    /// Returns false when an error record was written.
    @discardableResult
    public func process(_ document: InputDocument, into out: inout JSONWriter) -> Bool {
        let ok: Bool
        switch document.payload {
        case .jsonLine(let line):
            ok = line.withUnsafeBufferPointer { processJSONLine($0, document.locator, &out) }
        case .extracted(let id, let text, let carried):
            ok = processExtracted(id: id, text: text, carried: carried, document.locator, &out)
        case .unreadable(let error):
            writeError(error, document.locator, &out) { $0.int(document.locator.line) }
            ok = false
        }
        if ok { stats.documentsOK += 1 } else { stats.documentsFailed += 1 }
        return ok
    }

    /// Processes a text given directly (`textmill inspect`), writing a record with `id`.
    @discardableResult
    public func process(text: String, id: JSONValue, into out: inout JSONWriter) -> Bool {
        let ok = processExtracted(
            id: id, text: Array(text.utf8), carried: [], DocumentLocator(source: "<request>", line: 1), &out)
        if ok { stats.documentsOK += 1 } else { stats.documentsFailed += 1 }
        return ok
    }

    /// The analysis of the last processed document (for `inspect` and tests).
    public var lastAnalysis: Analysis { analysis }

    /// Why the last document that got an error record failed: what a chunk's `failures` carry
    /// (read it when `process` returns false).
    public private(set) var lastError = DocumentError(.pipelineError, "no document has failed")

    private func processJSONLine(
        _ bytes: UnsafeBufferPointer<UInt8>, _ locator: DocumentLocator, _ out: inout JSONWriter
    ) -> Bool {
        if let ok = processPlainJSONLine(bytes, locator, &out) { return ok }
        let lineID: (inout JSONWriter) -> Void = { $0.int(locator.line) }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            writeError(DocumentError(.invalidJSON, "line is not valid JSON: \(error)"), locator, &out, lineID)
            return false
        }
        guard case .object = root else {
            writeError(DocumentError(.notAnObject, "expected a JSON object, found \(root.typeName)"), locator, &out, lineID)
            return false
        }
        let idNode = lookup(idKey, in: root, bytes)
        let writeID: (inout JSONWriter) -> Void = { out in
            guard let idNode else { return out.int(locator.line) }
            Self.writeID(idNode, bytes, &out)
        }
        guard let textNode = lookup(textKey, in: root, bytes) else {
            writeError(DocumentError(.missingText, "no '\(fields.textField)' field"), locator, &out, writeID)
            return false
        }
        guard case .string(let span) = textNode else {
            writeError(
                DocumentError(.textNotString, "'\(fields.textField)' is a \(textNode.typeName), not a string"),
                locator, &out, writeID)
            return false
        }
        analysis.original.units.removeAll(keepingCapacity: true)
        let replaced = JSONStringDecoding.decodeUTF16(span, in: bytes, appendingTo: &analysis.original.units)
        var carried: [(key: String, value: JSONValue)] = []
        for path in fields.keepPaths {
            let key = path.map { Array($0.utf8) }
            if let node = lookup(key, in: root, bytes) {
                carried.append((path.joined(separator: "."), JSONValue(node, in: bytes)))
            }
        }
        return run(replaced: replaced, carried: carried, locator, &out, writeID)
    }

    /// The common JSONL record without a node per value (`JSONParser.forEachMember`): text and
    /// id as top-level members, the id a number, a string without escapes or absent, no fields
    /// carried. Nil when the general path must decide (including every line it would reject,
    /// so error records keep its messages).
    private func processPlainJSONLine(
        _ bytes: UnsafeBufferPointer<UInt8>, _ locator: DocumentLocator, _ out: inout JSONWriter
    ) -> Bool? {
        guard textKey.count == 1, idKey.count == 1, fields.keepPaths.isEmpty else { return nil }
        let textName = textKey[0], idName = idKey[0]
        var text: JSONMemberValue?
        var id: JSONMemberValue?
        do {
            // The last of repeated keys wins, as in `lookup`.
            let isObject = try JSONParser.forEachMember(bytes) { key, value in
                if JSONStringDecoding.equals(key, in: bytes, textName) { text = value }
                if JSONStringDecoding.equals(key, in: bytes, idName) { id = value }
            }
            guard isObject else { return nil }
        } catch {
            return nil
        }
        guard case .string(let span)? = text else { return nil }
        let writeID: (inout JSONWriter) -> Void
        switch id {
        case nil: writeID = { $0.int(locator.line) }
        case .number(let range)?: writeID = { $0.raw(UnsafeBufferPointer(rebasing: bytes[range])) }
        case .string(let idSpan)? where !idSpan.hasEscapes:
            writeID = { $0.string(utf8: UnsafeBufferPointer(rebasing: bytes[idSpan.range])) }
        default: return nil
        }
        analysis.original.units.removeAll(keepingCapacity: true)
        let replaced = JSONStringDecoding.decodeUTF16(span, in: bytes, appendingTo: &analysis.original.units)
        return run(replaced: replaced, carried: [], locator, &out, writeID)
    }

    private func processExtracted(
        id: JSONValue?, text: [UInt8], carried: [(key: String, value: JSONValue)],
        _ locator: DocumentLocator, _ out: inout JSONWriter
    ) -> Bool {
        let writeID: (inout JSONWriter) -> Void = { out in
            if let id { out.value(id) } else { out.int(locator.line) }
        }
        analysis.original.units.removeAll(keepingCapacity: true)
        let replaced = text.withUnsafeBufferPointer { UTF8Transcoding.appendUTF16(of: $0, to: &analysis.original.units) }
        return run(replaced: replaced, carried: carried, locator, &out, writeID)
    }

    private func run(
        replaced: Int, carried: [(key: String, value: JSONValue)], _ locator: DocumentLocator,
        _ out: inout JSONWriter, _ writeID: (inout JSONWriter) -> Void
    ) -> Bool {
        if replaced > 0 {
            guard pipeline.repairsInvalidUTF8 else {
                writeError(
                    DocumentError(.invalidUTF8, "text has \(replaced) invalid UTF-8 sequence(s); add a repair_utf8 stage to accept them"),
                    locator, &out, writeID)
                return false
            }
            stats.invalidSequencesReplaced += replaced
        }
        analysis.original.replacedInvalidSequences = replaced
        analysis.begin()
        do {
            for runner in runners {
                try runner.run(analysis)
                if analysis.rejection != nil { break }
            }
        } catch {
            writeError(DocumentError(.pipelineError, "\(error)"), locator, &out, writeID)
            return false
        }
        if let rejection = analysis.rejection {
            stats.documentsRejected += 1
            RecordWriter.writeRejected(rejection, locator: locator, to: &out, writeID: writeID)
            return true
        }
        if writesRecords {
            recordWriter.write(analysis, carried: carried, to: &out, doubleTexts: doubleTexts, writeID: writeID)
        } else {
            out.newline()
        }
        return true
    }

    private func writeError(
        _ error: DocumentError, _ locator: DocumentLocator, _ out: inout JSONWriter, _ writeID: (inout JSONWriter) -> Void
    ) {
        lastError = error
        RecordWriter.writeError(error, locator: locator, to: &out, writeID: writeID)
    }

    private func lookup(_ path: [[UInt8]], in root: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>) -> JSONNode? {
        ErrorRecordWriter.lookup(path, in: root, bytes)
    }

    private static func writeID(_ node: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>, _ out: inout JSONWriter) {
        ErrorRecordWriter.writeID(node, bytes, &out)
    }
}
