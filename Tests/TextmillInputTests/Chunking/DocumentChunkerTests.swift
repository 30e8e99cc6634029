import Testing
import TextmillDocuments
import TextmillInput

/// Chunks are cut by document count or bytes, whichever comes first, and never lose a document.
@Suite struct DocumentChunkerTests {
    struct Documents: DocumentReader {
        var sizes: [Int]
        var position = 0
        var bytesRead = 0
        mutating func next() throws(InputError) -> InputDocument? {
            guard position < sizes.count else { return nil }
            defer { position += 1 }
            bytesRead += sizes[position]
            return InputDocument(
                locator: DocumentLocator(source: "t", line: position + 1),
                payload: .jsonLine([UInt8](repeating: 0x61, count: sizes[position] - 1)))
        }
    }

    func cut(_ sizes: [Int], docs: Int, minBytes: Int = 0, bytes: Int) throws -> [[Int]] {
        var chunker = DocumentChunker(Documents(sizes: sizes), maxDocuments: docs, minBytes: minBytes, maxBytes: bytes)
        var chunks: [[Int]] = []
        var index = 0
        while let chunk = try chunker.next() {
            #expect(chunk.index == index)
            index += 1
            chunks.append(chunk.documents.map { $0.locator.line - 1 })
        }
        return chunks
    }

    @Test func byDocumentCount() throws {
        #expect(try cut(Array(repeating: 10, count: 7), docs: 3, bytes: 1 << 20) == [[0, 1, 2], [3, 4, 5], [6]])
    }

    @Test func byBytesWithoutExceedingTheLimit() throws {
        #expect(try cut([40, 40, 40, 10, 10, 90], docs: 100, bytes: 100) == [[0, 1], [2, 3, 4], [5]])
    }

    @Test func aDocumentLargerThanTheLimitIsAChunkOfItsOwn() throws {
        #expect(try cut([10, 500, 10], docs: 100, bytes: 100) == [[0], [1], [2]])
    }

    /// Below `minBytes` a chunk takes documents past the count, up to the one that reaches it,
    /// and never past `maxBytes`.
    @Test func smallChunksTakeDocumentsUntilTheyHaveMinBytes() throws {
        #expect(try cut(Array(repeating: 10, count: 10), docs: 3, minBytes: 35, bytes: 1 << 20) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(try cut(Array(repeating: 10, count: 5), docs: 3, minBytes: 30, bytes: 1 << 20) == [[0, 1, 2], [3, 4]])
        #expect(try cut([10, 10, 10, 40, 10], docs: 2, minBytes: 100, bytes: 50) == [[0, 1, 2], [3, 4]])
        #expect(try cut([50, 1, 1, 1], docs: 1, minBytes: 20, bytes: 100) == [[0], [1, 2, 3]])
    }

    @Test func emptyInputHasNoChunks() throws {
        #expect(try cut([], docs: 10, bytes: 10).isEmpty)
    }

    @Test func skipDropsLeadingDocuments() throws {
        var chunker = DocumentChunker(Documents(sizes: Array(repeating: 5, count: 10)), maxDocuments: 4, maxBytes: 1000)
        #expect(try chunker.skip(6) == 6)
        #expect(try chunker.next()?.documents.map(\.locator.line) == [7, 8, 9, 10])
        #expect(try chunker.next() == nil)
        var short = DocumentChunker(Documents(sizes: [5, 5]), maxDocuments: 4, maxBytes: 1000)
        #expect(try short.skip(5) == 2)
    }
    /// JSONL lines of every awkward kind: CRLF, blank, lone `\r`, oversized for a 40-byte
    /// limit, multi-byte text, and a last line without a newline.
    static func awkwardJSONL(lines: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var bytes: [UInt8] = []
        for i in 0..<lines {
            switch next(10) {
            case 0: break
            case 1: bytes += Array("\r".utf8)
            case 2: bytes += Array(#"{"id":\#(i),"text":"\#(String(repeating: "long ", count: 12))"}"#.utf8)
            case 3: bytes += Array(#"{"id":\#(i),"text":"東京 ß"}\#r"#.utf8)
            default: bytes += Array(#"{"id":\#(i),"text":"\#(String(repeating: "a", count: next(20)))"}"#.utf8)
            }
            if i < lines - 1 || next(2) == 0 { bytes.append(0x0A) }
        }
        return bytes
    }

    /// Every chunk as (source, line, payload) per document.
    static func chunks(
        _ bytes: [UInt8], step: Int, docs: Int, minBytes: Int = 0, bytes limit: Int, lineRuns: Bool
    ) throws -> [[String]] {
        let reader = JSONLReader(MemorySource(bytes: bytes, step: step), maxDocBytes: 40)
        var chunker = DocumentChunker(reader, maxDocuments: docs, minBytes: minBytes, maxBytes: limit, lineRuns: lineRuns)
        var out: [[String]] = []
        var index = 0
        while let chunk = try chunker.next() {
            #expect(chunk.index == index && chunk.count == chunk.documents.count)
            #expect(chunk.byteCount == chunk.documents.reduce(0) { $0 + $1.byteCount })
            #expect(chunk.hasLineRuns == lineRuns)
            index += 1
            out.append(chunk.documents.map { document in
                let payload: String
                switch document.payload {
                case .jsonLine(let line): payload = String(decoding: line, as: UTF8.self)
                case .unreadable(let error): payload = "error \(error.code.rawValue): \(error.message)"
                case .extracted: payload = "extracted"
                }
                return "\(document.locator.source):\(document.locator.line) \(payload)"
            })
        }
        #expect(chunker.documentsRead == out.reduce(0) { $0 + $1.count })
        return out
    }

    @Test(arguments: [(1, 3, 1000), (7, 5, 64), (64, 64, 100), (4096, 1, 1 << 20), (333, 1000, 1 << 20)])
    func lineRunsCutTheSameChunksOfTheSameDocuments(_ step: Int, _ docs: Int, _ limit: Int) throws {
        for seed in [1, 2, 3] as [UInt64] {
            let bytes = Self.awkwardJSONL(lines: 400, seed: seed)
            let plain = try Self.chunks(bytes, step: step, docs: docs, bytes: limit, lineRuns: false)
            let runs = try Self.chunks(bytes, step: step, docs: docs, bytes: limit, lineRuns: true)
            #expect(plain.reduce(0) { $0 + $1.count } == 400 || plain.reduce(0) { $0 + $1.count } == 399)
            #expect(runs == plain)
        }
    }

    @Test(arguments: [(1, 3, 100, 1000), (7, 5, 300, 64), (64, 1, 200, 1 << 20), (4096, 64, 16 << 10, 1 << 20), (333, 2, 1, 1 << 20)])
    func lineRunsCutTheSameChunksWithMinBytes(_ step: Int, _ docs: Int, _ minBytes: Int, _ limit: Int) throws {
        for seed in [4, 5] as [UInt64] {
            let bytes = Self.awkwardJSONL(lines: 400, seed: seed)
            let plain = try Self.chunks(bytes, step: step, docs: docs, minBytes: minBytes, bytes: limit, lineRuns: false)
            let runs = try Self.chunks(bytes, step: step, docs: docs, minBytes: minBytes, bytes: limit, lineRuns: true)
            #expect(runs == plain)
        }
    }
}

