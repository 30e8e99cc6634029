/// The JSON text of recently written `Double`s, keyed by their bit pattern (so exact).
///
/// Formatting a Double (`description`, Swift's shortest round-trip text) allocates a String and
/// was 54M instructions of `hashing` on a 1 MB slice; normalized feature vectors repeat a few
/// magnitudes (count / √(sum of squares)) within a document and across documents. Direct
/// mapped: a collision replaces the entry. Keep one per worker, across documents and chunks.
public struct DoubleTextCache {
    /// Bit pattern of each slot's value; `texts` holds its length then its text.
    private var patterns: [UInt64]
    private var texts: [UInt8]
    private let mask: Int

    /// Bytes per slot: a length byte, then the text.
    private static let slotBytes = maxLength + 1

    /// `slots` is rounded up to a power of two.
    public init(slots: Int = 1024) {
        var n = 1
        while n < slots { n *= 2 }
        patterns = [UInt64](repeating: 0, count: n)
        texts = [UInt8](repeating: 0, count: n * Self.slotBytes)
        mask = n - 1
    }

    /// Writes the text of `value`, as `value.description` gives it, at `out` (room for
    /// `maxLength` bytes); returns its length. `value` must be finite.
    @inline(__always)
    mutating func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let pattern = value.bitPattern
        let slot = Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        let at = slot * Self.slotBytes
        if patterns[slot] == pattern {
            let cachedLength = texts.withUnsafeBufferPointer { texts in
                let n = Int(texts[at])
                if n > 0 { out.update(from: texts.baseAddress! + at + 1, count: n) }
                return n
            }
            if cachedLength > 0 { return cachedLength }
        }
        patterns[slot] = pattern
        var text = value.description
        return text.withUTF8 { utf8 in
            let n = utf8.count
            precondition(n <= Self.maxLength, "a Double's text longer than \(Self.maxLength) bytes")
            out.update(from: utf8.baseAddress!, count: n)
            texts.withUnsafeMutableBufferPointer { texts in
                texts[at] = UInt8(n)
                (texts.baseAddress! + at + 1).update(from: utf8.baseAddress!, count: n)
            }
            return n
        }
    }

    /// Room for the longest text of a finite Double (24 bytes, "-2.2250738585072014e-308",
    /// with a margin): what a slot holds after its length byte.
    static let maxLength = 31
}
