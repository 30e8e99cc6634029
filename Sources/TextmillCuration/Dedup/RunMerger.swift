/// A k-way merge of sorted runs (a binary heap of cursors), entry by entry in ascending order.
/// One per thread: it holds each run's current block.
final class RunMerger {
    /// A position in one run, read from the spill file a block at a time (or from memory).
    final class Cursor {
        private let file: SpillFile?
        private let memory: [BucketEntry]
        private var position: Int
        private let end: Int
        private let blockEntries: Int
        private var block: [BucketEntry] = []
        private var blockIndex = 0

        init(file: SpillFile?, memory: [BucketEntry], start: Int, end: Int, blockEntries: Int) {
            self.file = file
            self.memory = memory
            self.position = start
            self.end = end
            self.blockEntries = blockEntries
        }

        func next() throws(DedupError) -> BucketEntry? {
            guard let file else {
                guard position < end else { return nil }
                defer { position += 1 }
                return memory[position]
            }
            if blockIndex == block.count {
                guard position < end else { return nil }
                let n = min(blockEntries, end - position)
                let bytes = try file.read(at: position * BucketEntry.byteCount, count: n * BucketEntry.byteCount)
                block.removeAll(keepingCapacity: true)
                bytes.withUnsafeBytes { raw in
                    for k in 0..<n { block.append(BucketEntry.decode(raw, at: k * BucketEntry.byteCount)) }
                }
                blockIndex = 0
                position += n
            }
            defer { blockIndex += 1 }
            return block[blockIndex]
        }
    }

    private let cursors: [Cursor]
    private var heap: [(entry: BucketEntry, cursor: Int)] = []
    private var started = false

    init(cursors: [Cursor]) { self.cursors = cursors }

    /// The next entry of the merged runs, or nil at the end.
    func next() throws(DedupError) -> BucketEntry? {
        if !started {
            started = true
            for (i, cursor) in cursors.enumerated() { if let e = try cursor.next() { push((e, i)) } }
        }
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        if let following = try cursors[top.cursor].next() {
            heap[0] = (following, top.cursor)
        } else {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
        }
        siftDown()
        return top.entry
    }

    private func push(_ item: (entry: BucketEntry, cursor: Int)) {
        heap.append(item)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].entry < heap[parent].entry else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private func siftDown() {
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && heap[l].entry < heap[m].entry { m = l }
            if r < heap.count && heap[r].entry < heap[m].entry { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
