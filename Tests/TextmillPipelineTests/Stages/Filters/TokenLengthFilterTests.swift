import Testing
import TextmillJSON
import TextmillPipeline

/// `token_length`: bounds in Unicode scalars, not UTF-16 units or bytes.
@Suite struct TokenLengthFilterTests {
    @Test func keepsTokensWithinTheBoundsInScalars() throws {
        let p = try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}, "#
            + #"{"type": "token_length", "min": 2, "max": 4}"#)
        // "𝐀𝐁" is 2 scalars (4 UTF-16 units); "ééééé" 5 scalars (10 UTF-8 bytes).
        #expect(try record(p, "a ab abcd abcde 𝐀𝐁 éé ééééé")["tokens"]!.strings == ["ab", "abcd", "𝐀𝐁", "éé"])
    }

    @Test func maxIsOptional() throws {
        let p = try makeProcessor(stages: #"{"type": "words"}, {"type": "filter_types", "drop": ["whitespace"]}, "#
            + #"{"type": "token_length", "min": 3}"#)
        #expect(try record(p, "to be or notnotnotnot")["tokens"]!.strings == ["notnotnotnot"])
    }
}
