import Testing
#if canImport(Glibc)
import Glibc
#endif
import TextmillJSON
import TextmillTestSupport
@testable import TextmillTokenizers

/// Every document of every bundled corpus: the count and FNV-1a digest of ids and offsets per corpus
/// file equal tokenizers 0.23.3's (`*-corpora.jsonl`). `make test` checks the lines without special
/// tokens (the template tokens are covered by the sample fixtures, and debug builds encode slowly);
/// `make parity` sets TEXTMILL_FULL_PARITY=1 to check both.
@Suite struct HFCorpusParityTests {
    static let full = getenv("TEXTMILL_FULL_PARITY").map { String(cString: $0) == "1" } ?? false

    @Test(arguments: ["byte-level-bpe", "wordpiece-bert", "llama-bpe", "unigram-metaspace"])
    func corpora(name: String) throws {
        let tokenizer = try TokenizerFile.load(path: Fixtures.path("models/tokenizers/\(name).json"), tiktokenPattern: nil)
        let encoder = tokenizer.makeEncoder()
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tokenizers/\(name)-corpora.jsonl")) {
            let want = try JSONValue.parse(line)
            let file = want["file"]!.stringValue!
            let special = want["special"]!.boolValue!
            if special && !Self.full { continue }
            var blob: [UInt8] = []
            var docs = 0, tokens = 0
            for record in Fixtures.lines(Fixtures.path("corpora/\(file)")) {
                guard let members = try JSONValue.parse(record).objectValue else { continue }
                for (key, value) in members where key != "id" {
                    guard let text = value.stringValue else { continue }
                    let got = try encoder.encode(text, options: EncodeOptions(addSpecialTokens: special))
                    var line = got.ids.map(String.init).joined(separator: ",") + "|"
                    line += (0 ..< got.count).map { "\(got.offsets[2 * $0]):\(got.offsets[2 * $0 + 1])" }.joined(separator: ",")
                    blob.append(contentsOf: Array((line + "\n").utf8))
                    docs += 1
                    tokens += got.count
                }
            }
            #expect(docs == want["docs"]!.intValue!, "\(name) \(file)")
            #expect(tokens == want["tokens"]!.intValue!, "\(name) \(file) special=\(special)")
            #expect(HFParityFixture.fnv(blob) == want["fnv64"]!.stringValue!, "\(name) \(file) special=\(special)")
        }
    }
}
