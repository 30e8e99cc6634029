/// The JSON text of recently written `Double`s, keyed by their bit pattern (so exact).
///
/// Formatting a Double as `description` does (Swift's shortest round-trip text) and turning it
/// into a String was 54M instructions of `hashing` on a 1 MB slice; normalized feature vectors
/// repeat a few magnitudes (count / √(sum of squares)) within a document and across documents.
/// A miss is formatted by `Double.write(to:)` (the same formatter as `description`) straight
/// into the caller's memory, with no String. Direct mapped: a collision replaces the entry.
/// Keep one per worker, across documents and chunks.
public struct DoubleTextCache {
    /// Bit pattern of each slot's value, and its text's length (0: empty slot).
    private var patterns: [UInt64]
    private var lengths: [UInt8]
    /// `slotBytes` per slot, the text from the slot's start.
    private var texts: [UInt8]
    private let mask: Int

    /// Bytes of text a slot holds, and what `write` may store at `out` (a copy is always this
    /// long, so that it is four 8-byte moves): the longest finite Double's text is 24 bytes
    /// ("-2.2250738585072014e-308").
    static let slotBytes = 32

    /// `slots` is rounded up to a power of two.
    public init(slots: Int = 1024) {
        var n = 1
        while n < slots { n *= 2 }
        patterns = [UInt64](repeating: 0, count: n)
        lengths = [UInt8](repeating: 0, count: n)
        texts = [UInt8](repeating: 0, count: n * Self.slotBytes)
        mask = n - 1
    }

    /// Writes the text of `value`, as `value.description` gives it, at `out`; returns its length.
    /// `value` must be finite; `out` must have room for `slotBytes` bytes (they may all be written).
    @inline(__always)
    mutating func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let pattern = value.bitPattern
        let slot = Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        let cachedLength = Int(lengths[slot])
        if cachedLength > 0 && patterns[slot] == pattern {
            texts.withUnsafeBytes { texts in
                let from = texts.baseAddress! + slot * Self.slotBytes
                let to = UnsafeMutableRawPointer(out)
                for word in 0..<(Self.slotBytes / 8) {
                    to.storeBytes(of: from.load(fromByteOffset: word * 8, as: UInt64.self), toByteOffset: word * 8, as: UInt64.self)
                }
            }
            return cachedLength
        }
        var sink = ASCIISink(out, capacity: Self.slotBytes)
        value.write(to: &sink)
        let n = sink.count
        patterns[slot] = pattern
        lengths[slot] = UInt8(n)
        texts.withUnsafeMutableBufferPointer { texts in
            (texts.baseAddress! + slot * Self.slotBytes).update(from: out, count: n)
        }
        return n
    }

    /// Where `Double.write(to:)` puts its text: the stream's ASCII fast path (`_writeASCII`,
    /// the one the standard library's number formatting calls) copies into raw memory.
    private struct ASCIISink: TextOutputStream {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
            self.base = base
            self.capacity = capacity
        }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            precondition(count + buffer.count <= capacity, "a Double's text longer than \(capacity) bytes")
            if let from = buffer.baseAddress { (base + count).update(from: from, count: buffer.count) }
            count += buffer.count
        }

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { _writeASCII($0) }
        }
    }
}
