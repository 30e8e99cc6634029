import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Input formats and outputs of `textmill run`, end to end through the built binary and the
/// worker pool.
@Suite struct InputFormatTests {
    static let inputs = "Tests/Fixtures/inputs/"

    func records(_ result: TextmillBinary.Result) throws -> [JSONValue] {
        try result.stdoutLines.map { try JSONValue.parse($0) }
    }

    func ids(_ records: [JSONValue]) -> [String] {
        records.map { $0["id"].map { $0.stringValue ?? $0.jsonText } ?? "?" }
    }

    func codes(_ records: [JSONValue]) -> [String] {
        records.map { $0["error"]?["code"]?.stringValue ?? "ok" }
    }

    /// The same run with one in-process worker and with two worker processes and one-document
    /// chunks: the records must be identical, in the same order.
    func throughPool(_ arguments: [String], stdin: [UInt8] = []) -> (TextmillBinary.Result, TextmillBinary.Result) {
        let single = TextmillBinary.run(["run"] + arguments + ["--workers", "1", "--quiet"], stdin: stdin)
        let pooled = TextmillBinary.run(["run"] + arguments + ["--workers", "2", "--chunk-docs", "1", "--quiet"], stdin: stdin)
        return (single, pooled)
    }

    @Test func everyFormatGivesTheSameOrderedRecordsThroughTheWorkerPool() throws {
        let runs: [(arguments: [String], ids: [String])] = [
            (["corpora/html/debian-faq-basic-defs.en.html", "--xpath", "//h2", "--preset", "chat"], []),
            ([Self.inputs + "pages.xml", "--xpath", "//page", "--id-xpath", "title"], ["Alpha", "Beta"]),
            (["corpora/xml/appstream-cli.metainfo.xml", "--xpath", "//description/p", "--id-xpath", "@xml:lang"], []),
            ([Self.inputs + "tag-soup.html", "--xpath", "//article", "--id-xpath", "@id"], ["a1", "a2"]),
            ([Self.inputs + "sample.tsv", "--text-column", "body", "--id-column", "title"], ["A", "B"]),
            ([Self.inputs + "three.jsonl.gz"], ["a", "b", "c"]),
            ([Self.inputs + "invalid-utf8.txt", "--preset", "chat"],
             ["\(Self.inputs)invalid-utf8.txt:1", "\(Self.inputs)invalid-utf8.txt:2", "\(Self.inputs)invalid-utf8.txt:3"]),
        ]
        for run in runs {
            let (single, pooled) = throughPool(run.arguments + ["-o", "-"])
            #expect(single.status == 0, "\(run.arguments): \(single.stderr)")
            #expect(pooled.status == 0, "\(run.arguments): \(pooled.stderr)")
            #expect(single.stdout == pooled.stdout, "\(run.arguments)")
            let records = try records(pooled)
            #expect(!records.isEmpty)
            #expect(codes(records).allSatisfy { $0 == "ok" }, "\(run.arguments)")
            if !run.ids.isEmpty { #expect(ids(records) == run.ids) }
        }
    }

    @Test func csvErrorsKeepTheirPlaceAndLineThroughThePool() throws {
        let (single, pooled) = throughPool([Self.inputs + "quoted-newlines.csv", "--keep-fields", "lang"])
        #expect(pooled.status == 1)
        #expect(single.stdout == pooled.stdout)
        let records = try records(pooled)
        #expect(codes(records) == ["ok", "ok", "malformed_record", "malformed_record"])
        #expect(records.map { $0["error"]?["line"]?.intValue ?? 0 } == [0, 0, 5, 6])
        #expect(records[0]["lang"]?.stringValue == "en")
        #expect(records[1]["tokens"]?.arrayValue?.map { $0.stringValue ?? "" } == ["two", "lines", "and", "quotes"])
    }

    /// A row or page that kills its worker becomes a worker_crashed record in its place (with its
    /// file and line); every other record is what a clean run gives, in order.
    @Test func crashRecoveryKeepsOrderForExtractedFormats() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let csv = "id,text\n" + (1...60).map { "r\($0),\"row \($0)\(($0 == 17 || $0 == 44) ? " POISON" : "")\nsecond line\"\n" }.joined()
        TextmillBinary.write(dir + "/rows.csv", Array(csv.utf8))
        let xml = "<dump>\n" + (1...30).map { "<page><title>p\($0)</title><text>page \($0)\($0 == 9 ? " POISON" : "")</text></page>\n" }.joined() + "</dump>\n"
        TextmillBinary.write(dir + "/pages.xml", Array(xml.utf8))
        let runs: [(arguments: [String], poisoned: [Int: Int])] = [
            ([dir + "/rows.csv"], [16: 34, 43: 88]),
            ([dir + "/pages.xml", "--xpath", "//page", "--id-xpath", "title"], [8: 10]),
        ]
        for run in runs {
            let clean = TextmillBinary.run(["run"] + run.arguments + ["--workers", "1", "--quiet"])
            let result = TextmillBinary.run(
                ["run"] + run.arguments + ["--workers", "2", "--chunk-docs", "8", "--quiet"],
                environment: ["TEXTMILL_FAULT": "kill:POISON"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stdoutLines.count == clean.stdoutLines.count)
            for (i, line) in result.stdoutLines.enumerated() {
                if let line = run.poisoned[i] {
                    let record = try JSONValue.parse(result.stdoutLines[i])
                    #expect(record["error"]?["code"]?.stringValue == "worker_crashed", "\(result.stdoutLines[i])")
                    #expect(record["error"]?["line"]?.intValue == line)
                } else {
                    #expect(line == clean.stdoutLines[i], "line \(i + 1)")
                }
            }
        }
    }

    @Test func hostileInputsGiveTheirErrorsAndNothingLeaks() throws {
        let xxe = TextmillBinary.run(["run", Self.inputs + "xxe.xml", "--xpath", "//page", "--preset", "chat", "--workers", "2"])
        #expect(xxe.status == 0, "\(xxe.stderr)")
        let tokens = try records(xxe).flatMap { $0["tokens"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(tokens == ["one", "before", "after", "two", "users", ":", "end"])
        #expect(!xxe.stdoutText.contains("SECRET") && !xxe.stdoutText.contains("root:"))

        let bomb = TextmillBinary.run(["run", Self.inputs + "billion-laughs.xml", "--xpath", "//page", "--workers", "2"])
        #expect(bomb.status == 1)
        let bombRecords = try records(bomb)
        #expect(codes(bombRecords).last == "invalid_xml")
        #expect(bombRecords.last?["error"]?["message"]?.stringValue?.contains("entity") == true)

        let truncated = TextmillBinary.run(["run", Self.inputs + "truncated.jsonl.gz", Self.inputs + "three.jsonl", "--workers", "2"])
        #expect(truncated.status == 1)
        let cut = try records(truncated)
        let failures = cut.enumerated().filter { $0.element["error"] != nil }
        #expect(failures.count == 1)
        #expect(failures.first?.element["error"]?["code"]?.stringValue == "unreadable_input")
        #expect(ids(Array(cut.suffix(3))) == ["a", "b", "c"])
        #expect(ids(Array(cut.prefix(3))) == ["1", "2", "3"])

        let empty = TextmillBinary.run(["run", Self.inputs + "empty.jsonl"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)

        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/blob.bin", [0x7F, 0x45, 0, 0, 0, 1, 0x0A, 0x41])
        let binary = TextmillBinary.run(["run", dir + "/blob.bin"])
        #expect(binary.status == 1)
        #expect(codes(try records(binary)) == ["binary_content"])
    }

    @Test func stdinDirectoriesAndGlobs() throws {
        let csv = Fixtures.read(Self.inputs + "sample.tsv")
        let stdin = TextmillBinary.run(["run", "-", "--format", "tsv", "--text-column", "body"], stdin: csv)
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(try records(stdin).count == 2)

        let html = TextmillBinary.run(["run"], stdin: Fixtures.read(Self.inputs + "tag-soup.html"))
        #expect(html.status == 0)
        #expect(ids(try records(html)) == ["-"])

        let dir = TextmillBinary.temporaryDirectory()
        mkdir(dir + "/nested", 0o755)
        TextmillBinary.write(dir + "/b.txt", Array("second file\n".utf8))
        TextmillBinary.write(dir + "/a.jsonl", Array(#"{"id": "first", "text": "first file"}"#.utf8))
        TextmillBinary.write(dir + "/nested/c.txt", Array("third\n".utf8))
        let walked = TextmillBinary.run(["run", dir, "--workers", "2"])
        #expect(ids(try records(walked)) == ["first", dir + "/b.txt:1", dir + "/nested/c.txt:1"])
        let globbed = TextmillBinary.run(["run", dir + "/*.txt"])
        #expect(ids(try records(globbed)) == [dir + "/b.txt:1"])
    }

    @Test func gzipShardedAndErrorOutputs() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = Array((1...7).map { "{\"id\": \($0), \"text\": \"doc \($0)\"}\n" }.joined().utf8) + Array("broken\n".utf8)

        let gz = TextmillBinary.run(["run", "-", "-o", dir + "/out.jsonl.gz", "--workers", "2"], stdin: input)
        #expect(gz.status == 1)
        #expect(system("gzip -dc '\(dir)/out.jsonl.gz' > '\(dir)/out.plain'") == 0)
        #expect(Fixtures.lines(dir + "/out.plain").count == 8)
        #expect(Fixtures.read(dir + "/out.jsonl.gz.meta.json").count > 0)

        let shards = TextmillBinary.run(
            ["run", "-", "--output-dir", dir + "/shards", "--shard-docs", "3", "--gzip", "--errors", dir + "/errors.jsonl",
             "--workers", "2", "--chunk-docs", "2"], stdin: input)
        #expect(shards.status == 1, "\(shards.stderr)")
        var all: [String] = []
        for part in ["part-00000", "part-00001", "part-00002"] {
            #expect(system("gzip -dc '\(dir)/shards/\(part).jsonl.gz' > '\(dir)/\(part).plain'") == 0)
            all += Fixtures.lines(dir + "/\(part).plain")
        }
        #expect(Fixtures.lines(dir + "/part-00000.plain").count == 3)
        #expect(try all.map { try JSONValue.parse($0)["id"]?.intValue ?? 0 } == [1, 2, 3, 4, 5, 6, 7])
        let errors = Fixtures.lines(dir + "/errors.jsonl")
        #expect(errors.count == 1)
        #expect(errors.first?.contains("invalid_json") == true)
        #expect(Fixtures.read(dir + "/shards/meta.json").count > 0)
    }

    @Test func usageErrorsExitTwo() {
        let cases: [[String]] = [
            [Self.inputs + "three.jsonl", "-o", "/tmp/x.jsonl", "--output-dir", "/tmp/d"],
            [Self.inputs + "three.jsonl", "-o", "/tmp/textmill-x.jsonl.gz", "--resume"],
            [Self.inputs + "pages.xml", "--format", "xml", "--xpath", "//page[1]"],
            [Self.inputs + "sample.tsv"],
            ["/nonexistent/input.jsonl"],
            [Self.inputs + "three.jsonl", "--shard-docs", "5"],
        ]
        for arguments in cases {
            let result = TextmillBinary.run(["run"] + arguments + ["--quiet"])
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
        let missingColumn = TextmillBinary.run(["run", Self.inputs + "sample.tsv"])
        #expect(missingColumn.stderr.contains("no column 'text'"))
    }
}
