/// Decoding JSON string spans: to UTF-16 for the pipeline, to `String` elsewhere.
///
/// Invalid UTF-8 and lone surrogate escapes are replaced by U+FFFD, one per maximal invalid
/// subsequence (Unicode's recommended practice, as Python and Swift do); the count of
/// replacements is returned so the caller can report or reject.
public enum JSONStringDecoding {
    /// Appends the decoded UTF-16 of `span` to `output`; returns the number of U+FFFD substitutions.
    @discardableResult
    public static func decodeUTF16(
        _ span: JSONStringSpan, in bytes: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt16]
    ) -> Int {
        if span.range.isEmpty { return 0 }
        output.reserveCapacity(output.count + span.range.count)
        return UTF16Appender.appending(to: &output) { out in
            span.hasEscapes
                ? decode(bytes, span.range, escapes: true, into: &out)
                : decode(bytes, span.range, escapes: false, into: &out)
        }
    }

    /// Decodes `bytes[range]` (with JSON escapes, which the parser validated, when `escapes`;
    /// else backslashes are text) into `out`; returns the number of U+FFFD substitutions.
    /// ASCII without backslashes goes eight bytes per step.
    @inline(__always)
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, escapes: Bool, into out: inout UTF16Appender
    ) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var replaced = 0
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i &+ 8 <= end {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                if escapes {
                    let b = w ^ 0x5C5C_5C5C_5C5C_5C5C  // a zero byte where w has a backslash
                    if (b &- 0x0101_0101_0101_0101) & ~b & 0x8080_8080_8080_8080 != 0 { break }
                }
                out.reserve(8)
                out.appendASCII(w)
                i &+= 8
            }
            guard i < end else { break }
            out.reserve(2)
            let b = bytes[i]
            if b < 0x80 {
                if !escapes || b != UInt8(ascii: "\\") {
                    out.append(UInt16(b))
                    i &+= 1
                    continue
                }
                let e = bytes[i + 1]
                i &+= 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    let u = hex4(bytes, i)
                    i &+= 4
                    if u & 0xFC00 == 0xD800 {
                        if i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                            let low = hex4(bytes, i + 2)
                            if low & 0xFC00 == 0xDC00 {
                                out.append(u)
                                out.append(low)
                                i &+= 6
                                continue
                            }
                        }
                        out.append(0xFFFD)
                        replaced += 1
                    } else if u & 0xFC00 == 0xDC00 {
                        out.append(0xFFFD)
                        replaced += 1
                    } else {
                        out.append(u)
                    }
                default: out.append(UInt16(e))  // \" \\ \/
                }
                continue
            }
            // Two- and three-byte sequences whose continuation bytes may take any value (all
            // but E0 and ED lead bytes) inline; the rest validated by hand to replace maximal
            // invalid subparts.
            if b &- 0xC2 < 0x1E && i &+ 1 < end {
                let c = bytes[i &+ 1]
                if c & 0xC0 == 0x80 {
                    out.append(UInt16(b & 0x1F) << 6 | UInt16(c & 0x3F))
                    i &+= 2
                    continue
                }
            } else if b &- 0xE1 < 0x0F && b != 0xED && i &+ 2 < end {
                let c1 = bytes[i &+ 1], c2 = bytes[i &+ 2]
                if c1 & 0xC0 == 0x80 && c2 & 0xC0 == 0x80 {
                    out.append(UInt16(b & 0x0F) << 12 | UInt16(c1 & 0x3F) << 6 | UInt16(c2 & 0x3F))
                    i &+= 3
                    continue
                }
            }
            let (scalar, length) = decodeUTF8Scalar(bytes, i, end)
            i &+= length
            if let scalar {
                if scalar < 0x10000 {
                    out.append(UInt16(scalar))
                } else {
                    out.append(UInt16(0xD800 + ((scalar - 0x10000) >> 10)))
                    out.append(UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)))
                }
            } else {
                out.append(0xFFFD)
                replaced += 1
            }
        }
        return replaced
    }

    /// Decodes `span` into a Swift `String` (invalid sequences become U+FFFD).
    public static func decodeString(_ span: JSONStringSpan, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !span.hasEscapes {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[span.range]), as: UTF8.self)
        }
        var units: [UInt16] = []
        decodeUTF16(span, in: bytes, appendingTo: &units)
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether the span's decoded value equals `key` (keys are compared without allocating when unescaped).
    public static func equals(_ span: JSONStringSpan, in bytes: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> Bool {
        if span.hasEscapes { return Array(decodeString(span, in: bytes).utf8) == key }
        guard span.range.count == key.count else { return false }
        var i = span.range.lowerBound
        for k in key {
            if bytes[i] != k { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 {
        (hexValue(bytes[i])! << 12) | (hexValue(bytes[i + 1])! << 8) | (hexValue(bytes[i + 2])! << 4)
            | hexValue(bytes[i + 3])!
    }
}

/// Decodes one UTF-8 scalar starting at `i` (whose byte is ≥ 0x80). Returns nil and the length of
/// the maximal invalid subpart when the sequence is ill-formed.
@inline(__always)
func decodeUTF8Scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32?, Int) {
    let b0 = bytes[i]
    let need: Int
    var scalar: UInt32
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch b0 {
    case 0xC2...0xDF: need = 1; scalar = UInt32(b0 & 0x1F)
    case 0xE0: need = 2; scalar = UInt32(b0 & 0x0F); lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2; scalar = UInt32(b0 & 0x0F)
    case 0xED: need = 2; scalar = UInt32(b0 & 0x0F); upper = 0x9F
    case 0xF0: need = 3; scalar = UInt32(b0 & 0x07); lower = 0x90
    case 0xF1...0xF3: need = 3; scalar = UInt32(b0 & 0x07)
    case 0xF4: need = 3; scalar = UInt32(b0 & 0x07); upper = 0x8F
    default: return (nil, 1)
    }
    var j = 1
    while j <= need {
        guard i + j < end else { return (nil, j) }
        let b = bytes[i + j]
        if j == 1 {
            guard b >= lower && b <= upper else { return (nil, 1) }
        } else {
            guard b >= 0x80 && b <= 0xBF else { return (nil, j) }
        }
        scalar = (scalar << 6) | UInt32(b & 0x3F)
        j += 1
    }
    return (scalar, need + 1)
}
