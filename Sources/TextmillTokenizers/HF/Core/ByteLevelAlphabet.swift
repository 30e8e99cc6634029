/// GPT-2's reversible byte ↔ character table (HF's `bytes_char`): printable Latin-1 bytes stand for
/// themselves, the other 68 bytes map to U+0100… in byte order.
enum ByteLevelAlphabet {
    static let byteToScalar: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var n: UInt32 = 0
        for b in 0 ..< 256 {
            if (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b) {
                table[b] = UInt32(b)
            } else {
                table[b] = 256 + n
                n += 1
            }
        }
        return table
    }()

    /// Scalar → byte, -1 for characters outside the alphabet.
    static let scalarToByte: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (b, s) in byteToScalar.enumerated() { table[Int(s)] = Int16(b) }
        return table
    }()

    /// Whether `scalar` is the byte character of a space (`Ġ`).
    static let space: UInt32 = byteToScalar[0x20]

    /// Writes the byte-level form of `text` into `out`: each UTF-8 byte of a character becomes one character
    /// aligned with that character (HF's transform with change 0 then 1s).
    static func transform(_ text: inout AlignedText, into out: inout AlignedText) {
        out.removeAll()
        for i in 0 ..< text.count {
            let c = text.scalars[i], s = text.starts[i], e = text.ends[i]
            if c < 0x80 {
                out.append(byteToScalar[Int(c)], start: s, end: e)
            } else if c < 0x800 {
                out.append(byteToScalar[Int(0xC0 | (c >> 6))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | (c & 0x3F))], start: s, end: e)
            } else if c < 0x10000 {
                out.append(byteToScalar[Int(0xE0 | (c >> 12))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | ((c >> 6) & 0x3F))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | (c & 0x3F))], start: s, end: e)
            } else {
                out.append(byteToScalar[Int(0xF0 | (c >> 18))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | ((c >> 12) & 0x3F))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | ((c >> 6) & 0x3F))], start: s, end: e)
                out.append(byteToScalar[Int(0x80 | (c & 0x3F))], start: s, end: e)
            }
        }
    }
}
