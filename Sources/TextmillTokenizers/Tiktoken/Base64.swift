/// Standard base64 (RFC 4648, `+/`, `=` padding) decoding for rank files, which are pure ASCII.
enum Base64 {
    @inline(__always)
    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A") ... UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a") ... UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }

    /// Decodes `text` into `output` (cleared first); false on a character outside the alphabet or bad padding.
    static func decode(_ text: ArraySlice<UInt8>, into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        var body = text
        var padding = 0
        while body.last == UInt8(ascii: "=") { body = body.dropLast(); padding += 1 }
        guard padding <= 2, (body.count + padding) % 4 == 0 || padding == 0 else { return false }
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in body {
            guard let v = value(of: byte) else { return false }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return true
    }
}
