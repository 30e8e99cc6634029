import Foundation
import Testing
import TextmillJSON

/// The hand-written encoder must produce JSON that a real parser reads back to the same string.
@Suite struct JSONWriterTests {
    // A leading BOM is left out on purpose: JSONSerialization drops it as an encoding marker.
    static let hostile: [String] = [
        "", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F}",
        "line\nbreak\r\ntab\t", "é ß 東京 😀👍🏽 🇯🇵 𝐀", "\u{2028}\u{2029} separators", "x\u{FEFF}bom\u{200B}zwsp",
        "\\u0041 looks escaped", "\"\"\"", "ends with backslash \\", String(repeating: "長", count: 5000),
    ]

    @Test(arguments: hostile)
    func stringRoundTripsThroughFoundation(_ s: String) throws {
        var w = JSONWriter()
        w.beginArray()
        w.string(s)
        w.comma()
        Array(s.utf16).withUnsafeBufferPointer { w.string(utf16: $0) }
        w.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
        #expect(parsed == [s, s])
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        var w = JSONWriter()
        [0x61, 0xD800, 0x62].withUnsafeBufferPointer { w.string(utf16: $0) }
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"a\u{FFFD}b\"")
    }

    @Test func controlCharactersUseShortEscapesOrHex() {
        var w = JSONWriter()
        w.string("\u{8}\u{C}\n\r\t\u{1}\u{1F}")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""\b\f\n\r\t\u0001\u001f""#)
    }

    @Test(arguments: [0, 7, -1, 42, 1_000_000, Int.max, Int.min])
    func integers(_ value: Int) {
        var w = JSONWriter()
        w.int(value)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(value))
    }

    @Test(arguments: [0.0, 1.0, -2.5, 0.1, 1e-7, 123456.789, 1e300, 0.30000000000000004])
    func doublesReadBackExactly(_ value: Double) throws {
        var w = JSONWriter()
        w.double(value)
        let text = String(decoding: w.bytes, as: UTF8.self)
        // Swift's own parser is exact; Foundation's JSONSerialization is off by an ulp on some
        // values (0.30000000000000004), so it only checks that the text is valid JSON here.
        #expect(Double(text) == value)
        #expect(try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) is NSNumber)
    }

    @Test func nonFiniteDoublesBecomeNull() {
        var w = JSONWriter()
        w.double(.nan)
        w.double(.infinity)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "nullnull")
    }
}
