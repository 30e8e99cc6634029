import Testing
import TextmillDocuments

/// Splitting a run of JSONL lines into documents: line numbers, `\r\n`, and runs that do not
/// hold exactly the lines they claim.
@Suite struct JSONLineRunTests {
    static func run(_ text: String, lines: Int) -> JSONLineRun {
        JSONLineRun(source: "in.jsonl", firstLine: 10, lineCount: lines, byteCount: text.utf8.count, bytes: Array(text.utf8))
    }

    static func payloads(_ documents: [InputDocument]) -> [String] {
        documents.map { document in
            guard case .jsonLine(let bytes) = document.payload else { return "?" }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func splitsLinesAndDropsCarriageReturns() throws {
        let documents = try #require(Self.run("{\"a\":1}\r\n\n\r\n{\"b\":\"x\ry\"}\n", lines: 4).documents())
        #expect(Self.payloads(documents) == ["{\"a\":1}", "", "", "{\"b\":\"x\ry\"}"])
        #expect(documents.map(\.locator.line) == [10, 11, 12, 13])
        #expect(documents.allSatisfy { $0.locator.source == "in.jsonl" })
    }

    @Test func emptyRunHasNoDocuments() {
        #expect(Self.run("", lines: 0).documents()?.isEmpty == true)
        #expect(Self.run("", lines: 1).documents() == nil)
    }

    @Test func wrongLineCountsAreRejected() {
        #expect(Self.run("a\nb\n", lines: 1).documents() == nil)
        #expect(Self.run("a\nb\n", lines: 3).documents() == nil)
        #expect(Self.run("a\nb", lines: 2).documents() == nil)  // the last line has no newline
        #expect(Self.run("a\nb", lines: 1).documents() == nil)
    }
}
