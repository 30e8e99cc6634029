import Testing
import TextmillDocuments
import TextmillJSON
@testable import TextmillPool

/// The bytes on the worker pipes: chunks and results survive the trip, and corrupt streams are
/// reported as errors, never as traps.
@Suite struct ChunkWireFormatTests {
    static let chunk = DocumentChunk(index: 41, documents: [
        InputDocument(locator: DocumentLocator(source: "a.jsonl", line: 8), payload: .jsonLine(Array(#"{"id":1,"text":"ß ﬁ 東京"}"#.utf8))),
        InputDocument(locator: DocumentLocator(source: "b.csv", line: 3), payload: .extracted(
            id: .string("row-3"), text: Array("quoted\n\"text\"".utf8), carried: [("lang", .string("de")), ("n", .number(2, literal: "2"))])),
        InputDocument(locator: DocumentLocator(source: "b.csv", line: 4), payload: .extracted(id: nil, text: [], carried: [])),
        InputDocument(locator: DocumentLocator(source: "a.jsonl", line: 11), payload: .unreadable(DocumentError(.documentTooLarge, "too big"))),
    ])

    @Test func chunkRoundTrips() throws {
        let decoded = try ChunkWireFormat.decodeChunk(ChunkWireFormat.encode(Self.chunk))
        #expect(decoded.index == 41)
        #expect(decoded.documents.map(\.locator) == Self.chunk.documents.map(\.locator))
        guard case .jsonLine(let line) = decoded.documents[0].payload,
            case .extracted(let id, let text, let carried) = decoded.documents[1].payload,
            case .extracted(let noID, let empty, _) = decoded.documents[2].payload,
            case .unreadable(let error) = decoded.documents[3].payload
        else { Issue.record("payload kinds changed"); return }
        #expect(line == Array(#"{"id":1,"text":"ß ﬁ 東京"}"#.utf8))
        #expect(id == .string("row-3") && text == Array("quoted\n\"text\"".utf8))
        #expect(carried.map(\.key) == ["lang", "n"] && carried[1].value == .number(2, literal: "2"))
        #expect(noID == nil && empty.isEmpty)
        #expect(error == DocumentError(.documentTooLarge, "too big"))
    }

    /// A chunk of raw line runs (what the chunker makes for the pool) decodes into the documents
    /// the runs stand for: split on newlines, `\r` removed, lines counted on.
    @Test func lineRunsArriveAsTheirDocuments() throws {
        let run = JSONLineRun(
            source: "c.jsonl", firstLine: 20, lineCount: 4, byteCount: 17,
            bytes: Array("{\"a\":1}\r\n\n\r\n{\"b\":東}\n".utf8))
        let lone = InputDocument(locator: DocumentLocator(source: "c.jsonl", line: 24), payload: .jsonLine(Array("x".utf8)))
        let chunk = DocumentChunk(index: 5, parts: [.lines(run), .document(lone), .lines(run)])
        #expect(chunk.count == 9)
        let decoded = try ChunkWireFormat.decodeChunk(ChunkWireFormat.encode(chunk))
        #expect(decoded.index == 5 && decoded.count == 9)
        let lines = decoded.documents.map { document -> String in
            guard case .jsonLine(let bytes) = document.payload else { return "?" }
            return "\(document.locator.source):\(document.locator.line) \(String(decoding: bytes, as: UTF8.self))"
        }
        #expect(lines == [
            "c.jsonl:20 {\"a\":1}", "c.jsonl:21 ", "c.jsonl:22 ", "c.jsonl:23 {\"b\":東}",
            "c.jsonl:24 x",
            "c.jsonl:20 {\"a\":1}", "c.jsonl:21 ", "c.jsonl:22 ", "c.jsonl:23 {\"b\":東}",
        ])
        #expect(chunk.documents.map(\.locator) == decoded.documents.map(\.locator))
        let frame = ChunkWireFormat.frame(chunk)
        #expect(frame.count == Frame.headerSize + ChunkWireFormat.encode(chunk).count)
        var decoder = FrameDecoder()
        frame.withUnsafeBytes { decoder.append($0) }
        let whole = try decoder.next()
        #expect(whole?.kind == .chunk && whole?.payload == ChunkWireFormat.encode(chunk))
    }

    @Test func aRunWhoseLinesDoNotAddUpIsRefused() {
        for (count, text) in [(3, "a\nb\n"), (1, "a\nb\n"), (2, "a\nb")] {
            let run = JSONLineRun(source: "c", firstLine: 1, lineCount: count, byteCount: 4, bytes: Array(text.utf8))
            let bytes = ChunkWireFormat.encode(DocumentChunk(index: 0, parts: [.lines(run)]))
            #expect(throws: FrameError.self) { try ChunkWireFormat.decodeChunk(bytes) }
        }
    }

    /// Appends `stream` to `decoder` `piece` bytes at a time (as non-blocking reads deliver it),
    /// calling `take` after each piece.
    static func feed(
        _ stream: [UInt8], inPiecesOf piece: Int, to decoder: inout FrameDecoder, _ take: (inout FrameDecoder) throws -> Void
    ) rethrows {
        var start = 0
        while start < stream.count {
            let end = min(start + piece, stream.count)
            stream[start..<end].withUnsafeBytes { decoder.append($0) }
            start = end
            try take(&decoder)
        }
    }

    /// A large result (handed over by the decoder instead of copied, its header removed in
    /// place) arrives intact, and so do the frames around it.
    @Test func largeResultsSurviveTheHandOver() throws {
        var big = ChunkResult(index: 9, records: Array(repeating: 0x61, count: 300_000) + [0x0A], documentsOK: 1, failures: [])
        big.invalidSequencesReplaced = 2
        let small = ChunkResult(index: 10, records: Array("{}\n".utf8), documentsOK: 1, failures: [])
        let first = Frame(.result, ChunkWireFormat.encode(big)).encoded
        let stream = first + Frame(.result, ChunkWireFormat.encode(small)).encoded
        // first.count: the big frame alone fills the buffer (handed over); the others copy it out.
        for piece in [7, 65_536, first.count, stream.count] {
            var decoder = FrameDecoder()
            var got: [ChunkResult] = []
            try Self.feed(stream, inPiecesOf: piece, to: &decoder) { decoder in
                while var frame = try decoder.next() {
                    got.append(try ChunkWireFormat.decodeResult(taking: &frame.payload))
                }
            }
            #expect(got.map(\.index) == [9, 10])
            #expect(got.first?.records == big.records && got.first?.invalidSequencesReplaced == 2)
            #expect(got.last?.records == small.records)
            #expect(!decoder.hasPartialFrame)
        }
    }

    /// The coordinator's way in (`nextDecoded`): results decoded in place, large or small, in any
    /// pieces; a result whose payload is corrupt is reported as such and the frames after it
    /// still arrive; other kinds come as frames.
    @Test func resultsDecodeInPlaceWhateverThePieces() throws {
        var big = ChunkResult(index: 9, records: Array(repeating: 0x61, count: 300_000) + [0x0A], documentsOK: 1, failures: [
            DocumentFailure(position: 0, error: DocumentError(.invalidJSON, "bad")),
        ])
        big.invalidSequencesReplaced = 2
        let small = ChunkResult(index: 10, records: Array("{}\n".utf8), documentsOK: 1, failures: [])
        let stream = Frame(.ready, Array("fingerprint".utf8)).encoded + Frame(.result, ChunkWireFormat.encode(big)).encoded
            + Frame(.result, [1, 2, 3]).encoded + Frame(.result, ChunkWireFormat.encode(small)).encoded
        for piece in [1, 7, 4096, 65_536, stream.count] {
            var decoder = FrameDecoder()
            var got: [String] = []
            var results: [ChunkResult] = []
            try Self.feed(stream, inPiecesOf: piece, to: &decoder) { decoder in
                while let next = try decoder.nextDecoded() {
                    switch next {
                    case .frame(let frame): got.append("\(frame.kind) \(String(decoding: frame.payload, as: UTF8.self))")
                    case .result(.success(let result)):
                        got.append("result \(result.index)")
                        results.append(result)
                    case .result(.failure): got.append("corrupt result")
                    }
                }
            }
            #expect(got == ["ready fingerprint", "result 9", "corrupt result", "result 10"])
            #expect(results.first.map(ChunkWireFormat.encode) == ChunkWireFormat.encode(big))
            #expect(results.last?.records == small.records)
            #expect(!decoder.hasPartialFrame)
        }
    }

    /// A large result that fills the receive buffer alone is handed over (its records keep the
    /// buffer's storage): decoded intact, and so is a corrupt one, with the frames after either
    /// arriving as before.
    @Test func aLargeResultAloneInTheBufferDecodesWhenHandedOver() throws {
        var big = ChunkResult(index: 4, records: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251) } + [0x0A], documentsOK: 1, failures: [])
        big.invalidSequencesReplaced = 5
        let bigFrame = Frame(.result, ChunkWireFormat.encode(big)).encoded
        let corruptFrame = Frame(.result, [UInt8](repeating: 0xFF, count: 100_000)).encoded
        let smallFrame = Frame(.result, ChunkWireFormat.encode(ChunkResult(index: 5, records: Array("{}\n".utf8), documentsOK: 1, failures: []))).encoded
        var decoder = FrameDecoder()
        var got: [String] = []
        for piece in [bigFrame, corruptFrame, smallFrame, bigFrame] {
            piece.withUnsafeBytes { decoder.append($0) }
            while let next = try decoder.nextDecoded() {
                switch next {
                case .result(.success(let result)):
                    got.append("result \(result.index)")
                    if result.index == 4 { #expect(ChunkWireFormat.encode(result) == ChunkWireFormat.encode(big)) }
                case .result(.failure): got.append("corrupt result")
                case .frame(let frame): got.append("\(frame.kind)")
                }
            }
        }
        #expect(got == ["result 4", "corrupt result", "result 5", "result 4"])
        #expect(!decoder.hasPartialFrame)
    }

    /// A failure crosses the pipe with its code and message, so the coordinator never reads them
    /// back out of the error record.
    @Test func resultRoundTrips() throws {
        let failures = [
            DocumentFailure(position: 1, error: DocumentError(.invalidJSON, "line is not valid JSON: \"ü\"\n")),
            DocumentFailure(position: 2, error: DocumentError(.timeout, "")),
        ]
        var result = ChunkResult(
            index: 3, records: Array("{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n".utf8), documentsOK: 1, failures: failures)
        result.invalidSequencesReplaced = 5
        let encoded = ChunkWireFormat.encode(result)
        let decoded = try ChunkWireFormat.decodeResult(encoded)
        #expect(decoded.index == 3 && decoded.records == result.records && decoded.documentsOK == 1)
        #expect(decoded.failures == failures && decoded.failedPositions == [1, 2] && decoded.invalidSequencesReplaced == 5)
        // An error code this build does not know is a corrupt frame, not a made-up failure.
        var unknown = encoded
        let code = Array("invalid_json".utf8)
        let at = (0...(unknown.count - code.count)).first { Array(unknown[$0..<($0 + code.count)]) == code }!
        unknown[at] = UInt8(ascii: "X")
        #expect(throws: FrameError.self) { try ChunkWireFormat.decodeResult(unknown) }
    }

    @Test func truncatedPayloadsThrow() {
        let bytes = ChunkWireFormat.encode(Self.chunk)
        for cut in [0, 5, 12, bytes.count / 2, bytes.count - 1] {
            #expect(throws: FrameError.self) { try ChunkWireFormat.decodeChunk(Array(bytes[..<cut])) }
        }
        #expect(throws: FrameError.self) { try ChunkWireFormat.decodeChunk(bytes + [0]) }
    }

    @Test func decoderReassemblesFramesFromAnyPieces() throws {
        let frames = [Frame(.ready, Array("0123456789abcdef".utf8)), Frame(.result, [UInt8](repeating: 7, count: 70_000)), Frame(.shutdown)]
        let stream = frames.flatMap(\.encoded)
        for pieceSize in [1, 3, 8, 4096, stream.count] {
            var decoder = FrameDecoder()
            var got: [Frame] = []
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + pieceSize)
                stream[offset..<end].withUnsafeBytes { decoder.append($0) }
                while let frame = try decoder.next() { got.append(frame) }
                offset = end
            }
            #expect(got.map(\.kind) == [.ready, .result, .shutdown])
            #expect(got.map(\.payload) == frames.map(\.payload))
            #expect(!decoder.hasPartialFrame)
        }
    }

    @Test func corruptHeadersAreErrors() {
        func decode(_ bytes: [UInt8]) throws -> Frame? {
            var decoder = FrameDecoder()
            bytes.withUnsafeBytes { decoder.append($0) }
            return try decoder.next()
        }
        #expect(throws: FrameError.self) { try decode(Array("this is not a frame".utf8)) }
        #expect(throws: FrameError.self) { try decode([0x54, 0x4D, 99, 0, 0, 0, 0, 0]) }
        #expect(throws: FrameError.self) { try decode([0x54, 0x4D, 4, 0, 0xFF, 0xFF, 0xFF, 0x7F]) }
        var partial = FrameDecoder()
        Array(Frame(.result, [1, 2, 3]).encoded.dropLast()).withUnsafeBytes { partial.append($0) }
        #expect((try? partial.next()) == nil)
        #expect(partial.hasPartialFrame)
    }
}
