import Testing
import TextmillDocuments
import TextmillInput
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct DocumentStreamTests {
    @Test func jsonlFilesFormOneStreamInOrder() throws {
        let three = InputTesting.fixture("three.jsonl")
        let docs = try InputTesting.read([three, three])
        #expect(docs.map(\.source) == Array(repeating: three, count: 6))
        #expect(docs.map(\.line) == [1, 2, 3, 1, 2, 3])
        #expect(docs[1].text == #"{"id": "b", "text": "beta"}"#)
    }

    @Test func gzipIsReadTransparentlyAndBytesReadCountsCompressedBytes() throws {
        let plain = try InputTesting.read([InputTesting.fixture("three.jsonl")])
        let stream = try DocumentStream(paths: [InputTesting.fixture("three.jsonl.gz")], options: InputOptions())
        var docs: [ReadDocument] = []
        while let d = try stream.next() { docs.append(InputTesting.describe(d)) }
        #expect(docs == plain.map { var d = $0; d.source += ".gz"; return d })
        #expect(stream.bytesRead == 77)
        #expect(stream.totalBytes == 77)
    }

    @Test func concatenatedGzipMembersReadAsOne() throws {
        let dir = TextmillBinary.temporaryDirectory()
        #expect(system("printf 'one\\n' | gzip > \(dir)/a.txt.gz && printf 'two\\n' | gzip >> \(dir)/a.txt.gz") == 0)
        #expect(try InputTesting.read([dir + "/a.txt.gz"]).map(\.text) == ["one", "two"])
    }

    @Test func truncatedGzipKeepsTheDocumentsBeforeAndReportsTheRest() throws {
        let path = InputTesting.fixture("truncated.jsonl.gz")
        let docs = try InputTesting.read([path, InputTesting.fixture("three.jsonl")])
        let failure = try #require(docs.first { $0.error != nil })
        #expect(failure.error == .unreadableInput)
        #expect(failure.source == path)
        #expect(failure.message?.contains("truncated") == true)
        // The complete lines before the cut are all there, in order, and the next input follows.
        let before = docs.prefix { $0.error == nil }
        #expect(before.count > 900)
        #expect(before.enumerated().allSatisfy { $0.element.line == $0.offset + 1 })
        #expect(failure.line == before.count + 1)
        #expect(docs.suffix(3).map(\.source) == Array(repeating: InputTesting.fixture("three.jsonl"), count: 3))
    }

    @Test func textSplitsIntoLinesParagraphsOrFiles() throws {
        let path = InputTesting.temporaryFile("notes.txt", Array("first line\nsecond line\n\n  \nthird para\nstill third\n".utf8))
        let lines = try InputTesting.read([path])
        #expect(lines.map(\.id) == ["\(path):1", "\(path):2", "\(path):5", "\(path):6"])
        #expect(lines.map(\.text) == ["first line", "second line", "third para", "still third"])

        let paragraphs = try InputTesting.read([path], InputOptions(split: .paragraphs))
        #expect(paragraphs.map(\.id) == ["\(path):1", "\(path):5"])
        #expect(paragraphs.map(\.text) == ["first line\nsecond line", "third para\nstill third"])

        let file = try InputTesting.read([path], InputOptions(split: .file))
        #expect(file.map(\.id) == [path])
        #expect(file.first?.text == "first line\nsecond line\n\n  \nthird para\nstill third")
    }

    @Test func aByteOrderMarkIsDropped() throws {
        let path = InputTesting.temporaryFile("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array(#"{"text": "x"}"#.utf8))
        #expect(try InputTesting.read([path]).map(\.text) == [#"{"text": "x"}"#])
    }

    @Test func binaryFilesAreReportedNotRead() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = InputTesting.temporaryFile("blob.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 0x0A, 0x41], in: dir)
        let docs = try InputTesting.read([path])
        #expect(docs.count == 1)
        #expect(docs[0].error == .binaryContent)
        #expect(docs[0].message?.contains("NUL") == true)
    }

    @Test func emptyInputGivesNoDocuments() throws {
        #expect(try InputTesting.read([InputTesting.fixture("empty.jsonl")]).isEmpty)
        #expect(try InputTesting.read([InputTesting.fixture("empty.jsonl")], InputOptions(format: .text)).isEmpty)
    }

    @Test func invalidUTF8PassesThroughForThePipelineToJudge() throws {
        let docs = try InputTesting.read([InputTesting.fixture("invalid-utf8.txt")])
        #expect(docs.count == 3)
        #expect(docs.allSatisfy { $0.error == nil })
        #expect(docs[0].text == "good line")
    }

    @Test func oneHundredMegabyteLineBecomesAnErrorRecordWithoutBeingBuffered() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = dir + "/huge.txt"
        let file = try #require(fopen(path, "wb"))
        fputs("before\n", file)
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { _ = block.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } }
        fputs("\nafter\n", file)
        fclose(file)
        defer { unlink(path) }
        let docs = try InputTesting.read([path])
        #expect(docs.map(\.text) == ["before", nil, "after"])
        #expect(docs[1].error == .documentTooLarge)
        #expect(docs[1].line == 2)
        #expect(docs[1].message?.contains("104857600 bytes") == true)
    }

    @Test func directoriesAreWalkedInSortedOrderAndGlobsExpanded() throws {
        let dir = TextmillBinary.temporaryDirectory()
        mkdir(dir + "/sub", 0o755)
        _ = InputTesting.temporaryFile("b.txt", Array("bee\n".utf8), in: dir)
        _ = InputTesting.temporaryFile("a.txt", Array("ay\n".utf8), in: dir)
        _ = InputTesting.temporaryFile("c.txt", Array("sea\n".utf8), in: dir + "/sub")
        _ = InputTesting.temporaryFile(".hidden.txt", Array("no\n".utf8), in: dir)
        #expect(try InputTesting.read([dir]).map(\.text) == ["ay", "bee", "sea"])
        #expect(try InputTesting.read([dir + "/*.txt"]).map(\.text) == ["ay", "bee"])
        #expect(try InputTesting.read([dir + "/s*"]).map(\.text) == ["sea"])
    }

    @Test func missingInputsAreFatalErrorsNamingThePath() {
        #expect { try InputTesting.read(["/nonexistent/file.jsonl"]) } throws: { error in
            let e = error as? InputError
            return e?.source == "/nonexistent/file.jsonl" && e?.kind == .fatal
        }
        #expect { try InputTesting.read(["/tmp/no-such-dir-*/x*.csv"]) } throws: { error in
            (error as? InputError)?.message.contains("no files match") == true
        }
        let empty = TextmillBinary.temporaryDirectory()
        #expect { try InputTesting.read([empty]) } throws: { error in
            (error as? InputError)?.message.contains("no input files") == true
        }
    }

    @Test func formatsAreDetectedByExtensionThenContent() {
        #expect(InputFormat.fromExtension(of: "a/b.jsonl.gz") == .jsonl)
        #expect(InputFormat.fromExtension(of: "x.CSV") == .csv)
        #expect(InputFormat.fromExtension(of: "page.htm") == .html)
        #expect(InputFormat.fromExtension(of: "dir.v2/README") == nil)
        #expect(InputFormat.sniff(Array("\u{FEFF}  {\"a\":1}".utf8)) == .jsonl)
        #expect(InputFormat.sniff(Array("<?xml version=\"1.0\"?><root/>".utf8)) == .xml)
        #expect(InputFormat.sniff(Array("<!DOCTYPE HTML><p>x".utf8)) == .html)
        #expect(InputFormat.sniff(Array("plain words".utf8)) == .text)
    }

    @Test func badOptionsAreRefusedBeforeReading() {
        #expect(throws: InputError.self) { try InputOptions(idXPath: "@id").validate() }
        #expect(throws: InputError.self) { try InputOptions(format: .xml, xpath: "//page[1]").validate() }
        #expect(throws: InputError.self) { try InputOptions(xpath: "//[[").validate() }
        #expect(throws: InputError.self) { try InputOptions(maxDocBytes: 0).validate() }
        // HTML takes full XPath, so with --format auto a predicate is allowed up front.
        #expect(throws: Never.self) { try InputOptions(xpath: "//div[@class='post']").validate() }
    }
}
