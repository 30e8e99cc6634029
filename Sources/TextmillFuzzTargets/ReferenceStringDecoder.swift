/// Decodes the inside of a JSON string literal with the standard library only: raw byte runs
/// through `String(decoding:as: UTF8.self)`, escapes by hand, and lone surrogates through
/// `String(decoding:as: UTF16.self)`. Both replace each maximal invalid subsequence with one
/// U+FFFD, the Unicode practice textmill's decoder promises.
enum ReferenceStringDecoder {
    /// The UTF-16 units and the number of U+FFFD that stand for invalid input (not for a
    /// U+FFFD that was in the input, raw or escaped). Without `escapes` a backslash is a byte like any other.
    static func decode(_ raw: [UInt8], escapes: Bool = true) -> (units: [UInt16], replaced: Int) {
        var units: [UInt16] = []
        var literalReplacementCharacters = 0
        var run: [UInt8] = []
        func flush() {
            units += Array(String(decoding: run, as: UTF8.self).utf16)
            // EF BF BD is never a continuation of anything, so each occurrence is one literal U+FFFD.
            if run.count >= 3 {
                for i in 0..<(run.count - 2) where run[i] == 0xEF && run[i + 1] == 0xBF && run[i + 2] == 0xBD {
                    literalReplacementCharacters += 1
                }
            }
            run = []
        }
        var i = 0
        while i < raw.count {
            guard escapes, raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count else {
                run.append(raw[i])
                i += 1
                continue
            }
            flush()
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "t"): units.append(0x09)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "u"):
                let unit = UInt16(String(decoding: raw[i..<i + 4], as: UTF8.self), radix: 16)!
                if unit == 0xFFFD { literalReplacementCharacters += 1 }
                units.append(unit)
                i += 4
            default: units.append(UInt16(e))
            }
        }
        flush()
        let decoded = Array(String(decoding: units, as: UTF16.self).utf16)
        let replacements = decoded.filter { $0 == 0xFFFD }.count
        return (decoded, replacements - literalReplacementCharacters)
    }
}
