/// Raw UTF-8 → UTF-16 with U+FFFD for each maximal invalid subsequence (no JSON escapes:
/// for text that readers extracted, which must be taken literally, backslashes included).
public enum UTF8Transcoding {
    /// Appends the UTF-16 of `bytes` to `output`; returns the number of U+FFFD substitutions.
    @discardableResult
    public static func appendUTF16(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt16]) -> Int {
        var replaced = 0
        var i = 0
        let end = bytes.count
        output.reserveCapacity(output.count + end)
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                output.append(UInt16(b))
                i += 1
                continue
            }
            let (scalar, length) = decodeUTF8Scalar(bytes, i, end)
            i += length
            if let scalar {
                if scalar < 0x10000 {
                    output.append(UInt16(scalar))
                } else {
                    output.append(UInt16(0xD800 + ((scalar - 0x10000) >> 10)))
                    output.append(UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)))
                }
            } else {
                output.append(0xFFFD)
                replaced += 1
            }
        }
        return replaced
    }
}
