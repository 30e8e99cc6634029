import Testing
import TextmillDocuments
import TextmillInput
import TextmillTestSupport

@Suite struct CSVDocumentReaderTests {
    @Test func quotedFieldsWithNewlinesQuotesAndCRLF() throws {
        let path = InputTesting.fixture("quoted-newlines.csv")
        let docs = try InputTesting.read([path], InputOptions(keepFields: ["lang"]))
        #expect(docs.count == 4)
        #expect(docs[0].id == "1")
        #expect(docs[0].text == "plain, with a comma")
        #expect(docs[0].carried == ["lang": "en"])
        #expect(docs[0].line == 2)
        #expect(docs[1].text == "two\r\nlines and \"quotes\"")
        #expect(docs[1].line == 3)
        // A stray quote: an error record on its own line, and the next row is read again.
        #expect(docs[2].error == .malformedRecord)
        #expect(docs[2].line == 5)
        #expect(docs[2].message?.contains("quote inside an unquoted field") == true)
        // A quote never closed swallows the rest of the file into one error naming where it opened.
        #expect(docs[3].error == .malformedRecord)
        #expect(docs[3].line == 6)
        #expect(docs[3].message?.contains("opened on line 6 is never closed") == true)
    }

    @Test func byteOrderMarkFieldCountsAndRecovery() throws {
        let docs = try InputTesting.read([InputTesting.fixture("bom-and-errors.csv")])
        #expect(docs.map(\.id) == ["1", "2", nil, nil, "5"])
        #expect(docs[0].text == "line one\nline two")
        #expect(docs[2].error == .malformedRecord)
        #expect(docs[2].line == 5)
        #expect(docs[2].message?.contains("after the closing quote") == true)
        #expect(docs[3].error == .malformedRecord)
        #expect(docs[3].message == "row has 4 fields, the header has 3")
        #expect(docs[4].line == 7)
    }

    @Test func columnsByNameOrPosition() throws {
        let path = InputTesting.fixture("sample.tsv")
        let byName = try InputTesting.read(
            [path], InputOptions(textColumn: ColumnSelector("body"), idColumn: ColumnSelector("title")))
        #expect(byName.map(\.id) == ["A", "B"])
        #expect(byName.map(\.text) == ["first body", "quoted\ttab"])
        let byPosition = try InputTesting.read(
            [path], InputOptions(textColumn: ColumnSelector("2"), idColumn: ColumnSelector("1")))
        #expect(byPosition == byName)
        // No id column: the id is left to the line number.
        let noID = try InputTesting.read([path], InputOptions(textColumn: ColumnSelector("body")))
        #expect(noID.map(\.id) == [nil, nil])
        #expect(noID.map(\.line) == [2, 3])
    }

    @Test func aHeaderWithoutTheTextColumnIsFatalAndNamesTheColumns() {
        #expect { try InputTesting.read([InputTesting.fixture("sample.tsv")]) } throws: { error in
            let e = error as? InputError
            return e?.kind == .fatal && e?.message.contains("no column 'text'") == true
                && e?.message.contains("title, body") == true
        }
        #expect(throws: InputError.self) {
            try InputTesting.read(
                [InputTesting.fixture("sample.tsv")], InputOptions(textColumn: ColumnSelector("body"), keepFields: ["nope"]))
        }
    }

    /// Random rows written with RFC 4180 quoting (separators, quotes, LF and CRLF inside fields,
    /// CRLF or LF row ends) read back to exactly the same fields and line numbers.
    @Test(arguments: [UInt8(ascii: ","), 0x09])
    func quotedRowsRoundTrip(_ separator: UInt8) throws {
        var generator = SeededGenerator(seed: UInt64(separator))
        let pieces = ["a", "b c", ",", "\t", "\"", "\n", "\r\n", "é", "東京", " ", "x\"y", ""]
        var file = Array("id\(Character(Unicode.Scalar(separator)))text\r\n".utf8)
        var expected: [(id: String, text: String, line: Int)] = []
        var line = 2
        for row in 0..<300 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let needsQuotes = text.utf8.contains { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            let field = needsQuotes || Bool.random(using: &generator)
                ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
            file += Array("r\(row)".utf8) + [separator] + Array(field.utf8) + (Bool.random(using: &generator) ? [0x0D, 0x0A] : [0x0A])
            expected.append(("r\(row)", text, line))
            line += 1 + text.utf8.filter { $0 == 0x0A }.count
        }
        let path = InputTesting.temporaryFile(separator == 0x09 ? "rows.tsv" : "rows.csv", file)
        let docs = try InputTesting.read([path])
        #expect(docs.count == expected.count)
        for (doc, want) in zip(docs, expected) {
            #expect(doc.error == nil, "\(doc)")
            #expect(doc.id == want.id)
            #expect(doc.text == want.text, "row \(want.id)")
            #expect(doc.line == want.line, "row \(want.id)")
        }
    }

    @Test func oversizedRowsAreReportedAndSkipped() throws {
        let path = InputTesting.temporaryFile(
            "big.csv", Array("text\nshort\n\"\(String(repeating: "x", count: 500))\nstill quoted\"\nafter\n".utf8))
        let docs = try InputTesting.read([path], InputOptions(maxDocBytes: 100))
        #expect(docs.map(\.text) == ["short", nil, "after"])
        #expect(docs[1].error == .documentTooLarge)
        #expect(docs[1].line == 3)
        #expect(docs[2].line == 5)
    }
}
