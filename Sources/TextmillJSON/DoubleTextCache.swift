/// The JSON text of recently written `Double`s, keyed by their bit pattern (so exact).
///
/// Formatting a Double as `description` does (Swift's shortest round-trip text) and turning it
/// into a String was 54M instructions of `hashing` on a 1 MB slice; normalized feature vectors
/// repeat a few magnitudes (count / √(sum of squares)) within a document and across documents
/// (on that slice 221,132 values, 10,230 distinct per document, 2,797 distinct in all). A miss
/// is formatted by `Double.write(to:)` (the same formatter as `description`) straight into the
/// caller's memory, with no String. Direct mapped (a collision replaces the entry), raw storage
/// so a hit is a few loads and four 8-byte moves. Keep one per worker, across documents and
/// chunks; not for sharing between threads.
public final class DoubleTextCache {
    /// Bit pattern of each slot's value, and its text's length (0: empty slot).
    private let patterns: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<UInt8>
    /// `slotBytes` per slot, the text from the slot's start.
    private let texts: UnsafeMutableRawPointer
    private let mask: Int

    /// Bytes of text a slot holds, and what `write` may store at `out` (a copy is always this
    /// long, so that it is four 8-byte moves): the longest finite Double's text is 24 bytes
    /// ("-2.2250738585072014e-308").
    static let slotBytes = 32

    /// `slots` is rounded up to a power of two; the default (8192 slots, 328 KiB) holds the
    /// distinct values of a 1 MB slice of the benchmark corpus.
    public init(slots: Int = 8192) {
        var n = 1
        while n < slots { n *= 2 }
        patterns = .allocate(capacity: n)
        patterns.initialize(repeating: 0, count: n)
        lengths = .allocate(capacity: n)
        lengths.initialize(repeating: 0, count: n)
        texts = .allocate(byteCount: n * Self.slotBytes, alignment: 8)
        texts.initializeMemory(as: UInt8.self, repeating: 0, count: n * Self.slotBytes)
        mask = n - 1
    }

    deinit {
        patterns.deallocate()
        lengths.deallocate()
        texts.deallocate()
    }

    /// Writes the text of `value`, as `value.description` gives it, at `out`; returns its length.
    /// `value` must be finite; `out` must have room for `slotBytes` bytes (they may all be written).
    @inline(__always)
    func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let pattern = value.bitPattern
        let slot = Int(truncatingIfNeeded: (pattern &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        let cachedLength = Int(lengths[slot])
        if cachedLength > 0 && patterns[slot] == pattern {
            let from = texts + slot * Self.slotBytes
            let to = UnsafeMutableRawPointer(out)
            to.storeBytes(of: from.load(fromByteOffset: 0, as: UInt64.self), toByteOffset: 0, as: UInt64.self)
            to.storeBytes(of: from.load(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: from.load(fromByteOffset: 16, as: UInt64.self), toByteOffset: 16, as: UInt64.self)
            to.storeBytes(of: from.load(fromByteOffset: 24, as: UInt64.self), toByteOffset: 24, as: UInt64.self)
            return cachedLength
        }
        return miss(value, slot, out)
    }

    @inline(never)
    private func miss(_ value: Double, _ slot: Int, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        var sink = ASCIISink(out, capacity: Self.slotBytes)
        value.write(to: &sink)
        let n = sink.count
        patterns[slot] = value.bitPattern
        lengths[slot] = UInt8(n)
        (texts + slot * Self.slotBytes).copyMemory(from: out, byteCount: n)
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
