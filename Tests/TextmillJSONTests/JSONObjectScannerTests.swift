import Testing
import TextmillJSON

@Suite struct JSONObjectScannerTests {
    /// The members as (decoded key, raw value text).
    func members(_ text: String) throws -> [(String, String)] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var found: [(String, String)] = []
            try JSONObjectScanner.members(buffer) { key, value in
                found.append((JSONStringDecoding.decodeString(key, in: buffer), String(decoding: buffer[value], as: UTF8.self)))
            }
            return found
        }
    }

    @Test func findsEachTopLevelMemberAndTheExactRangeOfItsValue() throws {
        let found = try members(#" { "id" : -1.5e3 ,"a\"b":"x\"}]y", "n":[[0,3],{"k":"]"}], "o":{"p":[1,{}]},"t":true,"z":null } "#)
        #expect(found.map(\.0) == ["id", "a\"b", "n", "o", "t", "z"])
        #expect(found.map(\.1) == ["-1.5e3", #""x\"}]y""#, #"[[0,3],{"k":"]"}]"#, #"{"p":[1,{}]}"#, "true", "null"])
        #expect(try members("{}").isEmpty)
    }

    @Test func aValueItFoundParsesInPlace() throws {
        let bytes = Array(#"{"id":"doc-7","tokens":["a","b"]}"#.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var tokens: Range<Int>?
            try JSONObjectScanner.members(buffer) { key, value in
                if JSONStringDecoding.equals(key, in: buffer, Array("tokens".utf8)) { tokens = value }
            }
            guard case .array(let elements) = try JSONParser.parse(buffer, range: tokens!) else { Issue.record("not an array"); return }
            #expect(elements.count == 2)
            if case .string(let span) = elements[1] { #expect(JSONStringDecoding.decodeString(span, in: buffer) == "b") }
        }
    }

    @Test func malformedObjectsAreErrorsNotCrashes() {
        for bad in ["", "[1]", "{", #"{"a"}"#, #"{"a":}"#, #"{"a":1"#, #"{"a":"x}"#, #"{"a":[1,2}"#, #"{"a":1 "b":2}"#, #"{"a":1} x"#, #"{a:1}"#, #"{"a":"\"#] {
            #expect(throws: JSONParseError.self, "\(bad)") { try members(bad) }
        }
    }

    /// Keys are decoded by the callers, which trust their escapes: a bad escape in a key once
    /// trapped the database sinks (found by the db-rows fuzz target).
    @Test func keysWithInvalidEscapesAreErrors() throws {
        for bad in [#"{"a\u  00":1}"#, #"{"a\u12":1}"#, #"{"\x":1}"#, #"{"a\uzzzz":1}"#] {
            #expect(throws: JSONParseError.self, "\(bad)") { try members(bad) }
        }
        #expect(try members(#"{"\u00e9\n\/":1,"v":"\q"}"#).map(\.0) == ["é\n/", "v"])
    }
}
