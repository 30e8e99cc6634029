/// Appends JSON to a byte buffer.
///
/// Hand-written on purpose: writing records is on the hot path, and a byte-level escaper into a
/// reused `[UInt8]` runs 5–7× faster than `JSONEncoder` here (86–126 vs 16–18 MB/s, see
/// shared/notes/swift-icu.md); it also leaves `/` unescaped. Non-ASCII is written as UTF-8;
/// quotes, backslashes and control characters are escaped; lone surrogates become U+FFFD.
public struct JSONWriter {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inlinable @inline(__always) public mutating func raw(_ byte: UInt8) { bytes.append(byte) }
    @inline(__always) public mutating func raw(_ string: StaticString) {
        string.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
    @inline(__always) public mutating func raw<C: Collection>(_ utf8: C) where C.Element == UInt8 {
        bytes.append(contentsOf: utf8)
    }

    public mutating func null() { raw("null") }
    public mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    public mutating func int(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        // Digits right to left into stack scratch, then one bulk append: appending a slice of
        // raw bytes went through a generic per-element copy (~15 instructions per digit).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var v = value.magnitude
            var i = scratch.count
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
            } while v > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[i...]))
        }
    }

    /// Shortest representation that reads back as the same Double; non-finite values become null.
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(.towardZero) && abs(value) < 1e15 {
            int(Int(value))
            raw(".0")
            return
        }
        raw(value.description.utf8)
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: UnsafeBufferPointer(rebasing: $0[...])) }
    }

    /// Writes UTF-8 bytes as a JSON string; the bytes must be valid UTF-8.
    public mutating func string(utf8 source: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        while i < source.count {
            let b = source[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i])) }
            escape(UInt16(b))
            i += 1
            runStart = i
        }
        if runStart < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes UTF-16 code units as a JSON string, transcoding to UTF-8 on the way.
    public mutating func string(utf16 units: UnsafeBufferPointer<UInt16>) {
        bytes.append(UInt8(ascii: "\""))
        var i = 0
        let n = units.count
        while i < n {
            let u = units[i]
            i += 1
            if u < 0x80 {
                if u >= 0x20 && u != 0x22 && u != 0x5C {
                    bytes.append(UInt8(truncatingIfNeeded: u))
                } else {
                    escape(u)
                }
            } else if u < 0x800 {
                bytes.append(UInt8(truncatingIfNeeded: 0xC0 | (u >> 6)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | (u & 0x3F)))
            } else if u & 0xFC00 == 0xD800, i < n, units[i] & 0xFC00 == 0xDC00 {
                let scalar = 0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i += 1
                bytes.append(UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
            } else {
                let v = u & 0xF800 == 0xD800 ? 0xFFFD : u  // lone surrogate
                bytes.append(UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private mutating func escape(_ u: UInt16) {
        bytes.append(UInt8(ascii: "\\"))
        switch u {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hex.utf8Start[Int(u >> 4)])
            bytes.append(hex.utf8Start[Int(u & 0xF)])
        }
    }

    // Structure helpers. Callers track commas themselves with `separator(first:)`,
    // which keeps the writer free of a state stack.
    @inlinable @inline(__always) public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    @inlinable @inline(__always) public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
    @inlinable @inline(__always) public mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
    @inlinable @inline(__always) public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }
    @inlinable @inline(__always) public mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    @inlinable @inline(__always) public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Writes `"key":` (the key must need no escaping, as all of textmill's field names do).
    @inlinable @inline(__always) public mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `"key":` for a key known only at run time, escaped.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }
}
