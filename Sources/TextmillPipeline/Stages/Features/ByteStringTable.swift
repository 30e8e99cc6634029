/// A set of byte strings with dense indices (0, 1, 2, … in insertion order), looked up without
/// allocating: keys live back to back in one buffer, slots hold key indices (open addressing).
///
/// What TF-IDF looks terms up in and what the vocabulary build counts into; a Swift
/// `Dictionary<[UInt8], Int>` would allocate an array per lookup.
public struct ByteStringTable: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var ends: [Int32] = []
    private var hashes: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
    }

    public var count: Int { ends.count }

    @inline(__always)
    public func range(at index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    public func key(at index: Int) -> ArraySlice<UInt8> { bytes[range(at: index)] }

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(bitPattern: MurmurHash3.x86_32(key, seed: 0x5EED_1234))
    }

    @inline(__always)
    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let r = range(at: index)
        if r.count != key.count { return false }
        return bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < key.count {
                if b[r.lowerBound + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// The index of `key`, or nil.
    @inline(__always)
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        var slot = Int(h) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if hashes[index] == h && equals(index, key) { return index }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, adding it when new.
    @inline(__always)
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let h = Self.hash(key)
        var slot = Int(h) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if hashes[index] == h && equals(index, key) { return (index, false) }
            slot = (slot + 1) & mask
        }
        let index = ends.count
        bytes.append(contentsOf: key)
        ends.append(Int32(bytes.count))
        hashes.append(h)
        slots[slot] = Int32(index)
        if ends.count * 2 > slots.count { grow() }
        return (index, true)
    }

    public mutating func insert(_ key: [UInt8]) -> (index: Int, inserted: Bool) {
        key.withUnsafeBufferPointer { insert($0) }
    }

    public func find(_ key: [UInt8]) -> Int? { key.withUnsafeBufferPointer { find($0) } }

    private mutating func grow() {
        let n = slots.count * 2
        slots = [Int32](repeating: -1, count: n)
        mask = n - 1
        for index in 0..<ends.count {
            var slot = Int(hashes[index]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
