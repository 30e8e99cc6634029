/// Raw UTF-8 → UTF-16 with U+FFFD for each maximal invalid subsequence (no JSON escapes:
/// for text that readers extracted, which must be taken literally, backslashes included).
public enum UTF8Transcoding {
    /// Appends the UTF-16 of `bytes` to `output`; returns the number of U+FFFD substitutions.
    @discardableResult
    public static func appendUTF16(of bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt16]) -> Int {
        if bytes.isEmpty { return 0 }
        output.reserveCapacity(output.count + bytes.count)
        return UTF16Appender.appending(to: &output) { out in
            JSONStringDecoding.decode(bytes, 0..<bytes.count, escapes: false, into: &out)
        }
    }
}
