/// The merge rules of a byte-pair encoding: for two adjacent symbols, the rank of their merge (lower merges
/// first) and the symbol it makes. A flat open-addressing table keyed on the two 32-bit symbol ids, so the
/// merge loop does one multiply-and-probe per candidate pair.
///
/// - tiktoken fills it from the rank file: for every token and every split of its bytes into two tokens,
///   `(left, right) → (rank: token, merged: token)` (tiktoken ranks a pair by the rank of the concatenation).
/// - HF BPE fills it from `merges`: line `k` `"a b"` gives `(id(a), id(b)) → (rank: k, merged: id(a+b))`;
///   a later duplicate replaces an earlier one, as HF's `HashMap::insert` does.
public struct PairMergeTable: Sendable {
    /// Slot → key `left << 32 | right`; `emptyKey` marks a free slot (no real pair has both ids UInt32.max).
    private var keys: [UInt64]
    /// Slot → `rank << 32 | merged`.
    private var values: [UInt64]
    private var mask: Int
    public private(set) var count: Int = 0
    private static let emptyKey = UInt64.max

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.emptyKey, count: size)
        values = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds or replaces the rule for `(left, right)`.
    public mutating func insert(left: UInt32, right: UInt32, rank: UInt32, merged: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = UInt64(left) << 32 | UInt64(right)
        var slot = Self.slot(key, mask)
        while keys[slot] != Self.emptyKey && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == Self.emptyKey { count += 1 }
        keys[slot] = key
        values[slot] = UInt64(rank) << 32 | UInt64(merged)
    }

    /// `rank << 32 | merged` for the pair, or `UInt64.max` when the pair never merges. Packed so the merge
    /// loop compares ranks (the high half) with one integer comparison.
    @inline(__always)
    public func packedLookup(left: UInt32, right: UInt32) -> UInt64 {
        let key = UInt64(left) << 32 | UInt64(right)
        return keys.withUnsafeBufferPointer { keyBuffer in
            var slot = Self.slot(key, mask)
            while true {
                let found = keyBuffer[slot]
                if found == key { return values[slot] }
                if found == Self.emptyKey { return UInt64.max }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The rule for `(left, right)`, or nil.
    public func lookup(left: UInt32, right: UInt32) -> (rank: UInt32, merged: UInt32)? {
        let packed = packedLookup(left: left, right: right)
        if packed == UInt64.max { return nil }
        return (UInt32(truncatingIfNeeded: packed >> 32), UInt32(truncatingIfNeeded: packed))
    }

    /// Bytes of memory the table holds, for the RSS budget.
    public var memoryBytes: Int { 8 * (keys.capacity + values.capacity) }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: Self.emptyKey, count: oldKeys.count * 2)
        values = [UInt64](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != Self.emptyKey {
            var slot = Self.slot(oldKeys[index], mask)
            while keys[slot] != Self.emptyKey { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}
