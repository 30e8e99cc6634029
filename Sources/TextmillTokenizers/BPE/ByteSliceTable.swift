/// An immutable map from byte strings (tokens) to ids, and back: all token bytes in one arena, and a flat
/// open-addressing hash table of ids. For cl100k's 100k tokens this is ~2.5 MB in four arrays, with no
/// per-token object, so lookups of a pre-tokenized piece hash its bytes in place and never allocate.
public struct ByteSliceTable: Sendable {
    /// Every token's bytes, back to back.
    private var arena: [UInt8] = []
    /// `starts[id] ..< starts[id] + lengths[id]` in `arena`; `lengths[id] == UInt32.max` marks an unused id.
    private var starts: [UInt32] = []
    private var lengths: [UInt32] = []
    /// Slot → id + 1 (0 = empty); a power of two at most half full.
    private var slots: [UInt32] = []
    private var mask: Int = 0
    /// How many ids have bytes.
    public private(set) var count: Int = 0

    /// An empty table with room for `capacity` tokens before it grows.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// One more than the largest id stored.
    public var idLimit: Int { starts.count }

    /// Stores `bytes` under `id`. Returns false (and stores nothing) when the bytes are already present
    /// under another id or the id is taken, so the caller can report a duplicate.
    @discardableResult
    public mutating func insert(_ bytes: UnsafeRawBufferPointer, id: UInt32) -> Bool {
        if lookup(bytes) != nil { return false }
        let index = Int(id)
        if index < starts.count, lengths[index] != UInt32.max { return false }
        if index >= starts.count {
            starts.append(contentsOf: repeatElement(0, count: index + 1 - starts.count))
            lengths.append(contentsOf: repeatElement(UInt32.max, count: index + 1 - lengths.count))
        }
        starts[index] = UInt32(arena.count)
        lengths[index] = UInt32(bytes.count)
        arena.append(contentsOf: bytes)
        count += 1
        if count * 2 > slots.count { rehash(size: slots.count * 2) } else { place(id: id, hash: ByteHash.hash(bytes)) }
        return true
    }

    /// `insert` for an array.
    @discardableResult
    public mutating func insert(_ bytes: [UInt8], id: UInt32) -> Bool {
        bytes.withUnsafeBytes { insert($0, id: id) }
    }

    /// The id of exactly these bytes, or nil.
    @inline(__always)
    public func lookup(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        var slot = Int(truncatingIfNeeded: ByteHash.hash(bytes)) & mask
        return slots.withUnsafeBufferPointer { slotBuffer in
            arena.withUnsafeBytes { arenaBytes in
                while true {
                    let entry = slotBuffer[slot]
                    if entry == 0 { return nil }
                    let id = Int(entry - 1)
                    let length = Int(lengths[id])
                    if length == bytes.count {
                        let start = Int(starts[id])
                        if length == 0 || memcmpEqual(arenaBytes.baseAddress! + start, bytes.baseAddress!, length) {
                            return entry - 1
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// `lookup` for an array.
    public func lookup(_ bytes: [UInt8]) -> UInt32? { bytes.withUnsafeBytes { lookup($0) } }

    /// The bytes stored under `id`, or nil.
    public func bytes(of id: UInt32) -> ArraySlice<UInt8>? {
        let index = Int(id)
        guard index < starts.count, lengths[index] != UInt32.max else { return nil }
        let start = Int(starts[index])
        return arena[start ..< start + Int(lengths[index])]
    }

    /// The byte length of `id`'s token, or nil for an unknown id.
    @inline(__always)
    public func length(of id: UInt32) -> Int? {
        let index = Int(id)
        guard index < lengths.count, lengths[index] != UInt32.max else { return nil }
        return Int(lengths[index])
    }

    /// Appends the bytes of `id` to `output`; false for an unknown id.
    @inline(__always)
    public func appendBytes(of id: UInt32, to output: inout [UInt8]) -> Bool {
        let index = Int(id)
        guard index < starts.count, lengths[index] != UInt32.max else { return false }
        let start = Int(starts[index])
        output.append(contentsOf: arena[start ..< start + Int(lengths[index])])
        return true
    }

    /// Bytes of memory the table holds, for the RSS budget.
    public var memoryBytes: Int { arena.capacity + 4 * (starts.capacity + lengths.capacity + slots.capacity) }

    private mutating func rehash(size: Int) {
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for id in 0 ..< starts.count where lengths[id] != UInt32.max {
            let start = Int(starts[id])
            let length = Int(lengths[id])
            let hash = arena.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[start ..< start + length])) }
            place(id: UInt32(id), hash: hash)
        }
    }

    private mutating func place(id: UInt32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
