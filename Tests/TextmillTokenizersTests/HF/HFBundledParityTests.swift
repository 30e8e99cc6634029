import Testing
import TextmillTestSupport
@testable import TextmillTokenizers

/// The four bundled tokenizers (models/tokenizers/) against tokenizers 0.23.3 on the sample and
/// adversarial texts: ids, offsets, tokens, masks and decode identical.
@Suite struct HFBundledParityTests {
    @Test(arguments: ["byte-level-bpe", "wordpiece-bert", "llama-bpe", "unigram-metaspace"])
    func sampleAndAdversarialTexts(name: String) throws {
        let result = try HFParityChecker.differences(tokenizerFile: "models/tokenizers/\(name).json",
                                                     fixtureFile: "Tests/Fixtures/parity/tokenizers/\(name).jsonl")
        #expect(result.checked > 400)
        #expect(result.problems.isEmpty, "\(result.problems.joined(separator: "\n"))")
    }
}
