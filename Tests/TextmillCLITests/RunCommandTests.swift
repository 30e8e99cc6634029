import Testing
import TextmillJSON
import TextmillTestSupport

/// `textmill run` end to end, through the built binary.
@Suite struct RunCommandTests {
    @Test func oneRecordPerLineInOrderOnEveryCorpus() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let out = dir + "/out.jsonl"
        let result = TextmillBinary.run(["run"] + Fixtures.corpusFiles + ["-o", out, "--stats", dir + "/stats.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let inputIDs = try Fixtures.corpusFiles.flatMap(Fixtures.lines).map { try JSONValue.parse($0)["id"]!.stringValue! }
        let records = try Fixtures.lines(out).map { try JSONValue.parse($0) }
        #expect(records.map { $0["id"]?.stringValue ?? "" } == inputIDs)
        #expect(records.allSatisfy { $0["tokens"]?.arrayValue?.isEmpty == false && $0["error"] == nil })
        let stats = try JSONValue.parse(Fixtures.read(dir + "/stats.json"))
        #expect(stats["documents"]?.intValue == inputIDs.count)
        #expect(stats["documents_failed"]?.intValue == 0)
        let meta = try JSONValue.parse(Fixtures.read(out + ".meta.json"))
        #expect(meta["pipeline"]?.stringValue == "icu-words")
        #expect(meta["fingerprint"]?.stringValue?.count == 16)
        #expect(result.stderr.contains("\(inputIDs.count) documents: \(inputIDs.count) ok, 0 failed"))
    }

    @Test func badLinesBecomeErrorRecordsAndExitOne() throws {
        let input = """
            {"id": "a", "text": "Fine words"}
            not json
            {"id": "c", "body": "no text"}
            {"id": "d", "text": 42}
            [1, 2]

            {"text": "no id here"}
            {"id": 8.50, "text": "numbers keep their form"}
            """
        let result = TextmillBinary.run(["run", "-", "-o", "-"], stdin: Array(input.utf8))
        #expect(result.status == 1)
        let records = try result.stdoutLines.map { try JSONValue.parse($0) }
        #expect(records.count == 8)
        let codes = records.map { $0["error"]?["code"]?.stringValue ?? "ok" }
        #expect(codes == ["ok", "invalid_json", "missing_text", "text_not_string", "not_an_object", "invalid_json", "ok", "ok"])
        #expect(records[1]["id"]?.intValue == 2 && records[1]["error"]?["line"]?.intValue == 2)
        #expect(records[1]["error"]?["file"]?.stringValue == "-")
        #expect(records[2]["id"]?.stringValue == "c")
        #expect(records[6]["id"]?.intValue == 7)
        #expect(result.stdoutLines[7].hasPrefix(#"{"id":8.50,"#))
        #expect(result.stderr.contains("8 documents: 3 ok, 5 failed"))
    }

    @Test func nestedFieldsAndCarriedFields() throws {
        let input = #"{"meta": {"key": "k1", "lang": "en"}, "body": {"text": "Nested Text"}}"#
        let result = TextmillBinary.run(
            ["run", "-", "-o", "-", "--text-field", "body.text", "--id-field", "meta.key", "--keep-fields", "meta.lang"],
            stdin: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == #"{"id":"k1","tokens":["nested","text"],"offsets":[[0,6],[7,11]],"meta.lang":"en"}"# + "\n")
    }

    @Test func utf8OffsetsOnRequest() {
        let result = TextmillBinary.run(["run", "-", "-o", "-", "--offsets", "utf8"], stdin: Array(#"{"id":1,"text":"é 東京"}"#.utf8))
        #expect(result.stdoutText == #"{"id":1,"tokens":["é","東京"],"offsets":[[0,2],[3,9]]}"# + "\n")
    }

    @Test func usageAndConfigErrorsExitTwo() {
        #expect(TextmillBinary.run(["run", "-", "-o", "-", "--preset", "nope"]).status == 2)
        #expect(TextmillBinary.run(["run", "-", "-o", "-", "--preset", "chat", "--config", "x.json"]).status == 2)
        #expect(TextmillBinary.run(["run", "--no-such-flag"]).status == 2)
        let missing = TextmillBinary.run(["run", "/nonexistent/input.jsonl", "-o", "-"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/input.jsonl: cannot open"))
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/bad.json", Array(#"{"version": 1, "stages": [{"type": "words", "locale": 5}]}"#.utf8))
        let bad = TextmillBinary.run(["run", "-", "-o", "-", "--config", dir + "/bad.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.json: stages[0].locale: expected a string, found number"))
    }

    @Test func oversizedLineBecomesAnErrorRecord() throws {
        let big = #"{"id": 1, "text": ""# + String(repeating: "x", count: 5000) + #""}"# + "\n" + #"{"id": 2, "text": "small"}"#
        let result = TextmillBinary.run(["run", "-", "-o", "-", "--max-doc-bytes", "1000"], stdin: Array(big.utf8))
        #expect(result.status == 1)
        let records = try result.stdoutLines.map { try JSONValue.parse($0) }
        #expect(records.count == 2)
        #expect(records[0]["error"]?["code"]?.stringValue == "document_too_large")
        #expect(records[1]["tokens"]?.strings == ["small"])
    }

    @Test func presetsAndInspect() throws {
        let presets = TextmillBinary.run(["presets"])
        #expect(presets.status == 0)
        #expect(presets.stdoutText.contains("icu-words (default)") && presets.stdoutText.contains("chat\t"))
        let inspect = TextmillBinary.run(["inspect", "--json", "--preset", "chat", "Hi! 😀"])
        #expect(inspect.status == 0)
        let rec = try JSONValue.parse(inspect.stdoutLines[0])
        #expect(rec["tokens"]?.strings == ["hi", "!", "😀"])
        #expect(rec["types"]?.strings == ["word", "punctuation", "emoji"])
    }

    /// The chat preset names each message's language (identified before case folding).
    @Test func chatPresetWritesTheLanguage() throws {
        let input = #"""
            {"id": 1, "text": "Kannst du mir bitte sagen, wie ich die Datei auf dem Server speichern kann?"}
            {"id": 2, "text": "Could you please tell me how I can save the file on the server?"}
            {"id": 3, "text": "Не могли бы вы сказать, как сохранить файл на сервере?"}

            """#
        let run = TextmillBinary.run(["run", "-", "-o", "-", "--preset", "chat", "--workers", "1"], stdin: Array(input.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let records = try run.stdoutLines.map { try JSONValue.parse($0) }
        #expect(records.map { $0["language"]?.stringValue ?? "" } == ["de", "en", "ru"])
        #expect(records.first?.objectValue?.map(\.key) == ["id", "tokens", "offsets", "types", "sentences", "language", "chat_features"])
    }
}

extension JSONValue {
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
}
