import Testing
import TextmillJSON
import TextmillTestSupport

/// The pointer-writing `string(utf16:)` and the bulk `int` against straightforward references,
/// on generated input: every escape, every UTF-8 length, surrogate pairs and lone surrogates.
@Suite struct JSONWriterFastPathTests {
    /// The JSON text `string(utf16:)` must write: lone surrogates as U+FFFD, `"`, `\` and C0
    /// controls escaped, everything else as UTF-8.
    static func reference(_ units: [UInt16]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars {
            switch scalar.value {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0..<0x20:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    @Test func generatedStringsMatchTheReference() {
        let pool: [UInt16] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x22, 0x2F, 0x41, 0x5C, 0x7A, 0x7F,
                              0x80, 0xE9, 0x7FF, 0x800, 0x3042, 0x6771, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000,
                              0xFEFF, 0xFFFD, 0xFFFF]
        var rng = MultilingualSample(seed: 15)
        for _ in 0..<20_000 {
            let units = (0..<Int(rng.next() % 24)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            var w = JSONWriter()
            w.raw(UInt8(ascii: "x"))  // not at offset 0
            units.withUnsafeBufferPointer { w.string(utf16: $0) }
            #expect(Array(w.bytes.dropFirst()) == Self.reference(units), "\(units)")
        }
    }

    @Test func integersMatchDescription() {
        var values = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, -1, -9, -10, -123_456_789, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var rng = MultilingualSample(seed: 7)
        for _ in 0..<5_000 { values.append(Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64)) }
        for v in values {
            var w = JSONWriter()
            w.int(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
        }
    }
}
