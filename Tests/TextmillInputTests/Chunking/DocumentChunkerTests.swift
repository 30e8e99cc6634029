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
                ordinal: position, locator: DocumentLocator(source: "t", line: position + 1),
                payload: .jsonLine([UInt8](repeating: 0x61, count: sizes[position] - 1)))
        }
    }

    func cut(_ sizes: [Int], docs: Int, bytes: Int) throws -> [[Int]] {
        var chunker = DocumentChunker(Documents(sizes: sizes), maxDocuments: docs, maxBytes: bytes)
        var chunks: [[Int]] = []
        var index = 0
        while let chunk = try chunker.next() {
            #expect(chunk.index == index)
            index += 1
            chunks.append(chunk.documents.map(\.ordinal))
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

    @Test func emptyInputHasNoChunks() throws {
        #expect(try cut([], docs: 10, bytes: 10).isEmpty)
    }

    @Test func skipDropsLeadingDocuments() throws {
        var chunker = DocumentChunker(Documents(sizes: Array(repeating: 5, count: 10)), maxDocuments: 4, maxBytes: 1000)
        #expect(try chunker.skip(6) == 6)
        #expect(try chunker.next()?.documents.map(\.ordinal) == [6, 7, 8, 9])
        #expect(try chunker.next() == nil)
        var short = DocumentChunker(Documents(sizes: [5, 5]), maxDocuments: 4, maxBytes: 1000)
        #expect(try short.skip(5) == 2)
    }
}
