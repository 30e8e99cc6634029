import Testing
import TextmillJSON
import TextmillTestSupport

/// `run --tokenizer tokenizer.json` through the built binary with two workers: ids, offsets and masks
/// equal HF tokenizers 0.23.3's (the committed parity fixtures) for every bundled tokenizer.json.
@Suite struct HFTokenizerCommandTests {
    @Test(arguments: ["byte-level-bpe", "wordpiece-bert", "llama-bpe", "unigram-metaspace"])
    func runGivesHFIdsAndOffsets(name: String) throws {
        var texts: [Int: String] = [:]
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/sample.jsonl")) {
            let v = try JSONValue.parse(line)
            texts[v["id"]!.intValue!] = v["text"]!.stringValue!
        }
        var expected: [Int: JSONValue] = [:]
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tokenizers/\(name).jsonl")) {
            let v = try JSONValue.parse(line)
            guard v["special"]!.boolValue!, let ref = v["text"]!.stringValue, ref.hasPrefix("sample:"),
                  v["ids"] != nil else { continue }
            expected[Int(ref.dropFirst(7))!] = v
        }
        let dir = TextmillBinary.temporaryDirectory()
        var input = ""
        for id in expected.keys.sorted() {
            input += JSONValue.object([("id", .number(Double(id), literal: "\(id)")), ("text", .string(texts[id]!))]).jsonText + "\n"
        }
        TextmillBinary.write(dir + "/in.jsonl", Array(input.utf8))
        let result = TextmillBinary.run(["run", dir + "/in.jsonl", "--tokenizer", "models/tokenizers/\(name).json",
                                         "--workers", "2", "--fields", "id,ids,offsets,special_tokens_mask",
                                         "-o", dir + "/out.jsonl", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = Fixtures.lines(dir + "/out.jsonl").filter { !$0.isEmpty }.map { try! JSONValue.parse($0) }
        #expect(records.count == expected.count)
        var mismatches: [String] = []
        for record in records {
            let id = record["id"]!.intValue!
            let want = expected[id]!
            for field in ["ids", "offsets", "special_tokens_mask"] where record[field] != want[field] {
                mismatches.append("sample \(id) \(field): got \(record[field]?.jsonText ?? "nil") want \(want[field]!.jsonText)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).joined(separator: "\n"))")
    }

    @Test func precompiledNormalizerExitsTwoNamingIt() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/t.json", Array(#"{"model":{"type":"Unigram","vocab":[["a",0.0]],"unk_id":0},"normalizer":{"type":"Precompiled","precompiled_charsmap":""}}"#.utf8))
        TextmillBinary.write(dir + "/in.jsonl", Array(#"{"id":1,"text":"a"}"#.utf8 + [0x0A]))
        let result = TextmillBinary.run(["run", dir + "/in.jsonl", "--tokenizer", dir + "/t.json", "-o", dir + "/out.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("t.json") && result.stderr.contains("Precompiled"), "\(result.stderr)")
    }
}
