import Testing
import TextmillPipeline
import TextmillUnicode

/// The `casefold` stage caches ICU's folding per BMP character: its output must equal ICU's
/// folding of each character on its own, the first time a character is met and after.
@Suite struct CaseFoldingTests {
    @Test func cachedFoldingEqualsICUForEveryBMPCharacter() throws {
        let mapper = CaseMapper(.fold)
        var text: [UInt16] = []
        var expected: [UInt16] = []
        for unit in UInt16(0x80)...0xFFFF where unit & 0xF800 != 0xD800 {
            text.append(unit)
            try [unit].withUnsafeBufferPointer { try mapper.map($0, appendingTo: &expected) }
            text.append(0x20)
            expected.append(0x20)
        }
        let p = try makeProcessor(stages: #"{"type": "casefold"}"#, fields: ["text"])
        let input = String(decoding: text, as: UTF16.self)
        let want = String(decoding: expected, as: UTF16.self)
        // Twice through one runner: the second pass answers every character from the cache.
        #expect(try record(p, input)["text"]?.stringValue == want)
        #expect(try record(p, input)["text"]?.stringValue == want)
        #expect(try record(p, "ΣΑΣ Straße 𐐀")["text"]?.stringValue == "σασ strasse 𐐨")
    }
}
