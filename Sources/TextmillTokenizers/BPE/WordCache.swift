/// A per-encoder cache from a pre-tokenized word's bytes to its merged token ids, so words that repeat
/// (nearly all of them in real text) skip the merge loop. Flat storage: keys and values in two arenas,
/// a power-of-two open-addressing slot table; when it reaches `maxEntries` it is emptied and refilled,
/// which bounds its memory (~10 MB at the defaults) without per-entry bookkeeping.
public final class WordCache {
    /// Words longer than this are not cached (they are rare and would crowd the arena).
    public let maxKeyLength: Int
    public let maxEntries: Int

    private var keyArena: [UInt8] = []
    private var valueArena: [UInt32] = []
    /// Per entry: key start, key length, value start, value length.
    private var entries: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    public init(maxEntries: Int = 1 << 16, maxKeyLength: Int = 64) {
        self.maxEntries = maxEntries
        self.maxKeyLength = maxKeyLength
        var size = 16
        while size < maxEntries * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { entries.count / 4 }

    /// Appends the cached ids of `word` to `output` and returns true, or returns false on a miss.
    @inline(__always)
    public func appendCached(_ word: UnsafeRawBufferPointer, to output: inout [UInt32]) -> Bool {
        guard word.count <= maxKeyLength else { return false }
        var slot = Int(truncatingIfNeeded: ByteHash.hash(word)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return false }
            let base = entry * 4
            if Int(entries[base + 1]) == word.count {
                let keyStart = Int(entries[base])
                let equal = keyArena.withUnsafeBytes { memcmpEqual($0.baseAddress! + keyStart, word.baseAddress!, word.count) }
                if equal || word.count == 0 {
                    let valueStart = Int(entries[base + 2])
                    output.append(contentsOf: valueArena[valueStart ..< valueStart + Int(entries[base + 3])])
                    return true
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers `ids` as the result for `word` (ignored for words longer than `maxKeyLength`).
    public func store(_ word: UnsafeRawBufferPointer, ids: ArraySlice<UInt32>) {
        guard word.count <= maxKeyLength, word.count > 0 else { return }
        if count >= maxEntries { clear() }
        var slot = Int(truncatingIfNeeded: ByteHash.hash(word)) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(count)
        entries.append(UInt32(keyArena.count))
        entries.append(UInt32(word.count))
        entries.append(UInt32(valueArena.count))
        entries.append(UInt32(ids.count))
        keyArena.append(contentsOf: word)
        valueArena.append(contentsOf: ids)
    }

    /// Forgets every entry, keeping the storage.
    public func clear() {
        for i in slots.indices { slots[i] = -1 }
        entries.removeAll(keepingCapacity: true)
        keyArena.removeAll(keepingCapacity: true)
        valueArena.removeAll(keepingCapacity: true)
    }
}
