import Testing
import TextmillJSON
@testable import TextmillDatabase

@Suite struct PostgresCopyEncoderTests {
    /// Encodes the fields of one record line with `body`, returning the COPY text.
    func encode(_ line: String, _ body: (inout PostgresCopyEncoder, JSONNode, UnsafeBufferPointer<UInt8>) -> Void) throws -> String {
        var encoder = PostgresCopyEncoder()
        let bytes = Array(line.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let root = try JSONParser.parse(buffer)
            body(&encoder, root, buffer)
        }
        return String(decoding: encoder.bytes, as: UTF8.self)
    }

    func member(_ root: JSONNode, _ key: String, _ line: UnsafeBufferPointer<UInt8>) -> JSONNode? {
        root.members?.first { JSONStringDecoding.decodeString($0.key, in: line) == key }?.value
    }

    @Test func textValuesEscapeBackslashTabNewlineAndReturn() throws {
        let copy = try encode(#"{"s":"a\tb\\c\nd\re\"f","n":-12.5}"#) { encoder, root, line in
            encoder.text(member(root, "s", line), in: line)
            encoder.tab()
            encoder.text(member(root, "n", line), in: line)
            encoder.tab()
            encoder.text(member(root, "missing", line), in: line)
        }
        #expect(copy == "a\\tb\\\\c\\nd\\re\"f\t-12.5\t\\N")
    }

    @Test func jsonKeepsItsEscapesDoubledForCopyAndNulBecomesTheReplacementCharacter() throws {
        let line = #"{"t":"x\u0000y\\u0000z\"q"}"#
        let copy = try encode(line) { encoder, _, buffer in encoder.json(buffer) }
        #expect(copy == #"{"t":"x\\ufffdy\\\\u0000z\\"q"}"#)
    }

    /// The word-at-a-time scan finds every byte COPY must escape wherever it sits in a word, and
    /// the JSON written around it equals byte-by-byte escaping (lines without `\u` escapes).
    @Test func jsonFindsEverySpecialByteWhateverItsPositionInAWord() {
        let specials: [UInt8] = [0x5C, 0x0A, 0x0D, 0x09, 0x00, 0x01, 0x1F]
        let fillers: [UInt8] = [0x61, 0x20, 0x7F, 0x80, 0xE6, 0xFF, 0x5B, 0x5D, 0x5D, 0x3C]
        for length in 0..<26 {
            for position in 0...length {
                for special in specials {
                    var line = (0..<length).map { fillers[($0 * 7 + length) % fillers.count] }
                    if position < length { line[position] = special }
                    if position + 3 < length { line[position + 3] = specials[(position + Int(special)) % specials.count] }
                    let naive = line.firstIndex { $0 < 0x20 || $0 == 0x5C } ?? length
                    let from = min(position, naive)
                    let found = line.withUnsafeBufferPointer { PostgresCopyEncoder.firstSpecial($0, from: from) }
                    #expect(found == naive, "\(line) from \(from)")
                    var encoder = PostgresCopyEncoder()
                    line.withUnsafeBufferPointer { encoder.json($0) }
                    var expected = PostgresCopyEncoder()
                    for byte in line { expected.text(CollectionOfOne(byte)) }
                    #expect(encoder.bytes == expected.bytes, "\(line)")
                }
            }
        }
    }

    @Test func integersInDecimal() {
        var encoder = PostgresCopyEncoder()
        for value in [0, 7, 10, -1, 1_234_567, Int.max, Int.min + 1] {
            encoder.reset()
            encoder.integer(value)
            #expect(String(decoding: encoder.bytes, as: UTF8.self) == String(value))
        }
    }

    @Test func arraysBecomeArrayLiterals() throws {
        let line = #"{"tokens":["a","b\"c","d\\e","f g"],"ids":[1,22,-3],"bad":[1,2.5],"none":"x"}"#
        let copy = try encode(line) { encoder, root, buffer in
            encoder.textArray(member(root, "tokens", buffer), in: buffer)
            encoder.tab()
            encoder.integerArray(member(root, "ids", buffer), in: buffer)
            encoder.tab()
            encoder.integerArray(member(root, "bad", buffer), in: buffer)
            encoder.tab()
            encoder.textArray(member(root, "none", buffer), in: buffer)
        }
        #expect(copy == #"{"a","b\\"c","d\\\\e","f g"}"# + "\t{1,22,-3}\t\\N\t\\N")
    }
}
