/// (bucket key, document) pairs collected with bounded memory: up to `memoryEntries` are sorted
/// in memory, then spilled to disk as one sorted run; `forEachBucket` merges the runs (a k-way
/// merge) and hands over each key's documents, ascending.
final class BucketRuns {
    struct Entry: Comparable {
        var key: UInt64
        var doc: UInt64
        static func < (a: Entry, b: Entry) -> Bool { a.key != b.key ? a.key < b.key : a.doc < b.doc }
    }

    let memoryEntries: Int
    private let directory: String
    private var buffer: [Entry] = []
    private var runs: [(file: SpillFile, count: Int)] = []

    init(memoryEntries: Int, directory: String) {
        self.memoryEntries = max(1, memoryEntries)
        self.directory = directory
    }

    var spilledRuns: Int { runs.count }

    func add(key: UInt64, doc: Int) throws(DedupError) {
        buffer.append(Entry(key: key, doc: UInt64(doc)))
        if buffer.count >= memoryEntries { try spill() }
    }

    private func spill() throws(DedupError) {
        buffer.sort()
        let file = try SpillFile(directory: directory)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(buffer.count * 16)
        for e in buffer {
            DedupSignature.put(e.key, &bytes)
            DedupSignature.put(e.doc, &bytes)
        }
        try file.append(bytes)
        try file.flush()
        runs.append((file, buffer.count))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body(key, docs)` for each key that has at least two documents.
    func forEachBucket(_ body: (UInt64, [Int]) throws(DedupError) -> Void) throws(DedupError) {
        if !runs.isEmpty && !buffer.isEmpty { try spill() }
        buffer.sort()
        var readers: [RunReader] = []
        if runs.isEmpty {
            readers.append(RunReader(memory: buffer))
        } else {
            for run in runs { readers.append(RunReader(file: run.file, count: run.count)) }
        }
        // A small binary heap of (entry, reader) by entry.
        var heap: [(Entry, Int)] = []
        func push(_ item: (Entry, Int)) {
            heap.append(item)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard heap[i].0 < heap[parent].0 else { break }
                heap.swapAt(i, parent)
                i = parent
            }
        }
        func pop() -> (Entry, Int) {
            let top = heap[0]
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l].0 < heap[m].0 { m = l }
                if r < heap.count && heap[r].0 < heap[m].0 { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
            return top
        }
        for (i, reader) in readers.enumerated() { if let e = try reader.next() { push((e, i)) } }
        var currentKey: UInt64?
        var docs: [Int] = []
        while !heap.isEmpty {
            let (entry, source) = pop()
            if let next = try readers[source].next() { push((next, source)) }
            if entry.key != currentKey {
                if docs.count > 1, let key = currentKey { try body(key, docs) }
                currentKey = entry.key
                docs.removeAll(keepingCapacity: true)
            }
            if docs.last != Int(entry.doc) { docs.append(Int(entry.doc)) }
        }
        if docs.count > 1, let key = currentKey { try body(key, docs) }
    }

    /// Reads one sorted run in blocks.
    private final class RunReader {
        private let file: SpillFile?
        private let memory: [Entry]
        private let count: Int
        private var position = 0
        private var block: [Entry] = []
        private var blockIndex = 0

        init(file: SpillFile, count: Int) {
            self.file = file
            self.memory = []
            self.count = count
        }

        init(memory: [Entry]) {
            self.file = nil
            self.memory = memory
            self.count = memory.count
        }

        func next() throws(DedupError) -> Entry? {
            guard let file else {
                defer { position += 1 }
                return position < memory.count ? memory[position] : nil
            }
            if blockIndex == block.count {
                guard position < count else { return nil }
                let n = min(65_536, count - position)
                let bytes = try file.read(at: position * 16, count: n * 16)
                block.removeAll(keepingCapacity: true)
                for k in 0..<n { block.append(Entry(key: Self.u64(bytes, k * 16), doc: Self.u64(bytes, k * 16 + 8))) }
                blockIndex = 0
                position += n
            }
            defer { blockIndex += 1 }
            return block[blockIndex]
        }

        static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(b[at + k]) << (8 * k) }
            return v
        }
    }
}
