/// JSON written through a raw pointer into a small stack block, which is appended to the
/// writer's bytes whenever it fills up (see `JSONWriter.withBlock`).
///
/// For long runs of tiny values (a document's tokens average ~5 bytes, its offsets 1–4 digits):
/// one room check per value and one bulk copy per kilobyte, where `JSONWriter` pays a
/// capacity and uniqueness check per byte. The bytes are exactly those `JSONWriter` writes.
public struct JSONBlock {
    /// Bytes of stack scratch: the most `withUnsafeTemporaryAllocation` gives without asking
    /// the runtime whether the stack has room.
    @usableFromInline static let capacity = 1024

    /// The writer's bytes while the block is open (moved out, so they stay uniquely referenced).
    @usableFromInline var output: [UInt8]
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    /// Bytes in the block not yet appended to `output`.
    @usableFromInline var count = 0

    @usableFromInline init(output: [UInt8], base: UnsafeMutablePointer<UInt8>) {
        self.output = output
        self.base = base
    }

    /// Appends the block's bytes to the output and empties it.
    @usableFromInline mutating func flush() {
        if count > 0 { output.append(contentsOf: UnsafeBufferPointer(start: base, count: count)) }
        count = 0
    }

    /// Writes one byte (structure: brackets, commas).
    @inlinable @inline(__always)
    public mutating func raw(_ byte: UInt8) {
        if count == Self.capacity { flush() }
        base[count] = byte
        count &+= 1
    }

    /// Writes `value` as `JSONWriter.int` does.
    public mutating func int(_ value: Int) {
        if count > Self.capacity - NumberText.maxIntLength { flush() }
        count &+= NumberText.int(value, to: base + count)
    }

    /// Writes `[first,second]` (an offset pair) as `JSONWriter` would.
    public mutating func pair(_ first: Int, _ second: Int) {
        if count > Self.capacity - 3 - 2 * NumberText.maxIntLength { flush() }
        var p = count
        base[p] = UInt8(ascii: "[")
        p &+= 1
        p &+= NumberText.int(first, to: base + p)
        base[p] = UInt8(ascii: ",")
        p &+= 1
        p &+= NumberText.int(second, to: base + p)
        base[p] = UInt8(ascii: "]")
        count = p &+ 1
    }

    /// Writes UTF-16 code units as a JSON string, as `JSONWriter.string(utf16:)` does.
    public mutating func string(utf16 units: UnsafeBufferPointer<UInt16>) {
        // Each unit takes at most 6 bytes (`\u001f`); a surrogate pair 4.
        let room = 2 &+ 6 &* units.count
        if count > Self.capacity &- room {
            flush()
            if room > Self.capacity {
                var writer = JSONWriter()
                swap(&writer.bytes, &output)
                writer.string(utf16: units)
                swap(&writer.bytes, &output)
                return
            }
        }
        count = JSONBlock.writeString(units, to: base, at: count)
    }

    /// Writes `units` as a JSON string at `out + at`, which has room for it; returns the new end.
    @inline(__always)
    private static func writeString(_ units: UnsafeBufferPointer<UInt16>, to out: UnsafeMutablePointer<UInt8>, at: Int) -> Int {
        var p = at
        out[p] = UInt8(ascii: "\"")
        p &+= 1
        var i = 0
        let n = units.count
        while i < n {
            let u = units[i]
            i &+= 1
            if u < 0x80 {
                if u >= 0x20 && u != 0x22 && u != 0x5C {
                    out[p] = UInt8(truncatingIfNeeded: u)
                    p &+= 1
                } else {
                    p = escape(u, to: out, at: p)
                }
            } else if u < 0x800 {
                out[p] = UInt8(truncatingIfNeeded: 0xC0 | (u >> 6))
                out[p &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F))
                p &+= 2
            } else if u & 0xFC00 == 0xD800, i < n, units[i] & 0xFC00 == 0xDC00 {
                let scalar = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i &+= 1
                out[p] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                out[p &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                out[p &+ 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                out[p &+ 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                p &+= 4
            } else {
                let v = u & 0xF800 == 0xD800 ? 0xFFFD : u  // lone surrogate
                out[p] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                out[p &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                out[p &+ 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                p &+= 3
            }
        }
        out[p] = UInt8(ascii: "\"")
        return p &+ 1
    }

    /// Writes the escape of ASCII unit `u` (`"`, `\` or a C0 control) as `JSONWriter` does.
    private static func escape(_ u: UInt16, to out: UnsafeMutablePointer<UInt8>, at: Int) -> Int {
        out[at] = UInt8(ascii: "\\")
        let short: UInt8
        switch u {
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[at &+ 1] = UInt8(ascii: "u")
            out[at &+ 2] = UInt8(ascii: "0")
            out[at &+ 3] = UInt8(ascii: "0")
            out[at &+ 4] = hex.utf8Start[Int(u >> 4)]
            out[at &+ 5] = hex.utf8Start[Int(u & 0xF)]
            return at &+ 6
        }
        out[at &+ 1] = short
        return at &+ 2
    }
}
