/// The byte-pair merge loop shared by tiktoken and HF BPE, with its scratch buffers (one per encoder).
///
/// Usage: put the initial symbols of one pre-tokenized word in `symbols` (tiktoken: the ids of its single
/// bytes; HF BPE: the ids of its characters or byte-fallback tokens, with `continuing_subword_prefix` /
/// `end_of_word_suffix` already applied by the caller), then call `merge(_:table:)`. It repeatedly merges the
/// adjacent pair with the lowest rank in `table`, the leftmost one on ties — exactly tiktoken's
/// `_byte_pair_merge` and HF's `Word::merge_all` (without dropout) — until no pair merges.
/// `merge(_:table:starts:)` also reports where each final symbol began in the input, for offsets.
///
/// Never quadratic: words of up to `scanLimit` symbols use the plain rescan (fastest for the short words
/// that are nearly all of real text); longer ones use a doubly linked list and a binary min-heap keyed on
/// (rank, position) with lazy deletion, O(n log n): a 1 MB run of one character merges in well under a second.
public final class BytePairMerger {
    /// Words up to this many symbols use the O(n²) rescan; it beats the heap below ~this size.
    public static let scanLimit = 48

    private var ranks: [UInt64] = []
    /// Input position of each current symbol (only when the caller asked for starts).
    private var positions: [Int32] = []
    // Heap path state, indexed by input position.
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var heap: [HeapEntry] = []

    private struct HeapEntry {
        /// `rank << 32 | position`: ordering by this key is ordering by rank, then leftmost.
        var key: UInt64
        var merged: UInt32
    }

    public init() {}

    /// Merges `symbols` in place to the final symbols.
    public func merge(_ symbols: inout [UInt32], table: PairMergeTable) {
        if symbols.count < 2 { return }
        if symbols.count <= Self.scanLimit {
            scanMerge(&symbols, table: table, tracking: false)
        } else {
            heapMerge(&symbols, table: table, tracking: false)
        }
    }

    /// Either loop regardless of length, so tests can check that both give the same result.
    func merge(_ symbols: inout [UInt32], table: PairMergeTable, starts: inout [Int32], useHeap: Bool) {
        starts.removeAll(keepingCapacity: true)
        if symbols.count < 2 {
            if symbols.count == 1 { starts.append(0) }
            return
        }
        if useHeap { heapMerge(&symbols, table: table, tracking: true) } else { scanMerge(&symbols, table: table, tracking: true) }
        starts.append(contentsOf: positions)
    }

    /// Merges `symbols` in place; `starts` receives, for each final symbol, the index in the input of the first
    /// input symbol it covers (so symbol `i` covers inputs `starts[i] ..< starts[i+1]`, the last one to the end).
    public func merge(_ symbols: inout [UInt32], table: PairMergeTable, starts: inout [Int32]) {
        starts.removeAll(keepingCapacity: true)
        if symbols.count < 2 {
            if symbols.count == 1 { starts.append(0) }
            return
        }
        if symbols.count <= Self.scanLimit {
            scanMerge(&symbols, table: table, tracking: true)
        } else {
            heapMerge(&symbols, table: table, tracking: true)
        }
        starts.append(contentsOf: positions)
    }

    // MARK: - Short words: rescan for the minimum after each merge (tiktoken's own loop).

    private func scanMerge(_ symbols: inout [UInt32], table: PairMergeTable, tracking: Bool) {
        ranks.removeAll(keepingCapacity: true)
        if tracking { positions.removeAll(keepingCapacity: true) }
        for i in 0 ..< symbols.count - 1 {
            ranks.append(table.packedLookup(left: symbols[i], right: symbols[i + 1]))
            if tracking { positions.append(Int32(i)) }
        }
        if tracking { positions.append(Int32(symbols.count - 1)) }
        while true {
            var best = UInt64.max
            var bestIndex = -1
            // A rank always makes the same symbol, so comparing the packed values compares ranks;
            // strict `<` keeps the leftmost of equal ranks.
            for i in 0 ..< ranks.count where ranks[i] < best {
                best = ranks[i]
                bestIndex = i
            }
            if bestIndex < 0 { break }
            symbols[bestIndex] = UInt32(truncatingIfNeeded: best)
            symbols.remove(at: bestIndex + 1)
            ranks.remove(at: bestIndex)
            if tracking { positions.remove(at: bestIndex + 1) }
            if bestIndex < ranks.count {
                ranks[bestIndex] = table.packedLookup(left: symbols[bestIndex], right: symbols[bestIndex + 1])
            }
            if bestIndex > 0 {
                ranks[bestIndex - 1] = table.packedLookup(left: symbols[bestIndex - 1], right: symbols[bestIndex])
            }
        }
    }

    // MARK: - Long words: linked list + min-heap with lazy deletion (HF's Word::merge_all).

    private func heapMerge(_ symbols: inout [UInt32], table: PairMergeTable, tracking: Bool) {
        let n = symbols.count
        next.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
        for i in 0 ..< n {
            next.append(i + 1 < n ? Int32(i + 1) : -1)
            previous.append(Int32(i - 1))
        }
        for i in 0 ..< n - 1 {
            let packed = table.packedLookup(left: symbols[i], right: symbols[i + 1])
            if packed != UInt64.max { heap.append(HeapEntry(key: (packed & 0xFFFF_FFFF_0000_0000) | UInt64(i), merged: UInt32(truncatingIfNeeded: packed))) }
        }
        if tracking { positions.removeAll(keepingCapacity: true) }
        heapify()
        // Dead positions get next = -2.
        while let top = popMin() {
            let position = Int(top.key & 0xFFFF_FFFF)
            let rank = top.key >> 32
            let right = Int(next[position])
            if right < 0 { continue }  // dead (-2) or last (-1)
            // Stale if either side changed since the entry was pushed.
            let packed = table.packedLookup(left: symbols[position], right: symbols[right])
            if packed >> 32 != rank || UInt32(truncatingIfNeeded: packed) != top.merged { continue }
            symbols[position] = top.merged
            let after = next[right]
            next[position] = after
            next[right] = -2
            if after >= 0 { previous[Int(after)] = Int32(position) }
            let before = Int(previous[position])
            if before >= 0 {
                let p = table.packedLookup(left: symbols[before], right: symbols[position])
                if p != UInt64.max { push(HeapEntry(key: (p & 0xFFFF_FFFF_0000_0000) | UInt64(before), merged: UInt32(truncatingIfNeeded: p))) }
            }
            if after >= 0 {
                let p = table.packedLookup(left: symbols[position], right: symbols[Int(after)])
                if p != UInt64.max { push(HeapEntry(key: (p & 0xFFFF_FFFF_0000_0000) | UInt64(position), merged: UInt32(truncatingIfNeeded: p))) }
            }
        }
        var write = 0
        var position = 0
        while position >= 0 {
            symbols[write] = symbols[position]
            if tracking { positions.append(Int32(position)) }
            write += 1
            position = Int(next[position])
        }
        symbols.removeSubrange(write...)
    }

    private func heapify() {
        var i = heap.count / 2 - 1
        while i >= 0 { siftDown(i); i -= 1 }
    }

    private func push(_ entry: HeapEntry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent].key <= heap[child].key { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private func popMin() -> HeapEntry? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private func siftDown(_ start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            if left >= count { return }
            var smallest = left
            if left + 1 < count && heap[left + 1].key < heap[left].key { smallest = left + 1 }
            if heap[parent].key <= heap[smallest].key { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
