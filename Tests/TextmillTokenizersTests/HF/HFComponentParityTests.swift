import Testing
import TextmillTestSupport
@testable import TextmillTokenizers

/// Hand-built tokenizer.json files for the components the bundled four do not use (every Split
/// behavior, Digits, UnicodeScripts, Punctuation, WordLevel, Roberta, truncation and padding, added-token
/// options, BPE options, Unigram byte fallback, …), each against tokenizers 0.23.3.
@Suite struct HFComponentParityTests {
    static let directory = "Tests/Fixtures/parity/tokenizers/components"

    static var names: [String] {
        let listing = Fixtures.lines(Fixtures.path(directory + "/INDEX"))
        return listing
    }

    @Test(arguments: names)
    func component(name: String) throws {
        let result = try HFParityChecker.differences(tokenizerFile: "\(Self.directory)/\(name).json",
                                                     fixtureFile: "\(Self.directory)/\(name).jsonl")
        #expect(result.checked > 20)
        #expect(result.problems.isEmpty, "\(result.problems.joined(separator: "\n"))")
    }
}
