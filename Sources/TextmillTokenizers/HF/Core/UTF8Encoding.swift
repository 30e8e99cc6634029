/// Scalar ↔ UTF-8 helpers for the HF pipeline's byte-slice lookups.
enum UTF8Encoding {
    @inline(__always)
    static func append(_ c: UInt32, to out: inout [UInt8]) {
        if c < 0x80 {
            out.append(UInt8(c))
        } else if c < 0x800 {
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }

    @inline(__always)
    static func length(_ c: UInt32) -> Int { c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4 }

    /// Decodes valid UTF-8 into scalars (appending).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt32]) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = UInt32(bytes[i])
            if b < 0x80 { out.append(b); i += 1 }
            else if b < 0xE0, i + 1 < n { out.append((b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)); i += 2 }
            else if b < 0xF0, i + 2 < n {
                out.append((b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)); i += 3
            } else if i + 3 < n {
                out.append((b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                           | UInt32(bytes[i + 3] & 0x3F)); i += 4
            } else { out.append(0xFFFD); i += 1 }
        }
    }

    static func scalars(_ string: String) -> [UInt32] { string.unicodeScalars.map(\.value) }

    static func string(_ scalars: some Sequence<UInt32>) -> String {
        var s = String.UnicodeScalarView()
        for c in scalars { s.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
        return String(s)
    }
}
