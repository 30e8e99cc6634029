import Testing
import TextmillJSON

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    @Test func parsesNestedValuesInOrder() throws {
        let v = try parse(#" {"b": [1, 2.5e3, -0.0, true, false, null], "a": {"x": "y"}} "#)
        #expect(v.objectValue?.map(\.key) == ["b", "a"])
        #expect(v["b"]?.arrayValue?.count == 6)
        #expect(v["b"]?.arrayValue?[1].doubleValue == 2500)
        #expect(v["a"]?["x"]?.stringValue == "y")
    }

    @Test(arguments: [
        "", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "01", "1.", "-", "1e", "tru", "\"abc", "\"\\x\"", "\"\\u12\"",
        "{} {}", "[1] x", "{'a':1}", "NaN",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try parse(deep) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u6771""#)
        #expect(v.stringValue == "a\"b\\c/d\n\té😀東")
    }

    @Test func loneSurrogateEscapesAreReplaced() throws {
        #expect(try parse(#""x\ud800y""#).stringValue == "x\u{FFFD}y")
        #expect(try parse(#""\udc00""#).stringValue == "\u{FFFD}")
    }

    @Test func invalidUTF8IsReplacedAndCounted() {
        // "a", a truncated 3-byte sequence, "b", a lone continuation byte, an overlong "/".
        let bytes: [UInt8] = [0x22, 0x61, 0xE6, 0x9D, 0x62, 0x80, 0xC0, 0xAF, 0x22]
        var units: [UInt16] = []
        let replaced = bytes.withUnsafeBufferPointer { buffer -> Int in
            guard case .string(let span) = try! JSONParser.parse(buffer) else { return -1 }
            return JSONStringDecoding.decodeUTF16(span, in: buffer, appendingTo: &units)
        }
        #expect(String(decoding: units, as: UTF16.self) == "a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(replaced == 4)
    }

    @Test func errorNamesTheByte() {
        do throws(JSONParseError) {
            _ = try JSONValue.parse(#"{"a": 1,, }"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 8)
            #expect(error.description.contains("at byte 9"))
        }
    }
}
