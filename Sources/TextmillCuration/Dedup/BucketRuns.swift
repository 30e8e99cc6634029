/// (key, value) pairs sorted with bounded memory: up to `memoryEntries` are held and sorted in
/// memory, then appended to one spill file as a sorted run; `sorted()` hands back the runs for
/// k-way merging. Keys fall into `1 << partitionBits` partitions by their top bits, and each run
/// records where each partition starts in it, so partitions can be merged on separate threads.
final class BucketRuns {
    let memoryEntries: Int
    let partitionBits: Int
    private let directory: String
    private var buffer: [BucketEntry] = []
    private var file: SpillFile?
    private var runs: [SortedRuns.Run] = []
    private var spilledEntries = 0

    init(memoryEntries: Int, directory: String, partitionBits: Int = 0) {
        precondition((0...8).contains(partitionBits))
        self.memoryEntries = max(1, memoryEntries)
        self.directory = directory
        self.partitionBits = partitionBits
    }

    var spilledRuns: Int { runs.count }
    var partitions: Int { 1 << partitionBits }

    func add(key: UInt64, value: UInt64) throws(DedupError) {
        buffer.append(BucketEntry(key: key, value: value))
        if buffer.count >= memoryEntries { try spill() }
    }

    /// Every entry added so far, sorted; nothing may be added afterwards.
    func sorted() throws(DedupError) -> SortedRuns {
        if let file {
            if !buffer.isEmpty { try spill() }
            buffer = []
            return SortedRuns(file: file, runs: runs, memory: [], partitions: partitions)
        }
        buffer.sort()
        defer { buffer = [] }
        return SortedRuns(
            file: nil, runs: [SortedRuns.Run(start: 0, sections: Self.sections(of: buffer, partitionBits: partitionBits))],
            memory: buffer, partitions: partitions)
    }

    private func spill() throws(DedupError) {
        buffer.sort()
        let file: SpillFile
        if let existing = self.file {
            file = existing
        } else {
            file = try SpillFile(directory: directory)
            self.file = file
        }
        // Written in blocks, so the bytes never double the buffer's memory.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(buffer.count, 1 << 16) * BucketEntry.byteCount)
        for (i, entry) in buffer.enumerated() {
            entry.encode(into: &bytes)
            if bytes.count >= (1 << 16) * BucketEntry.byteCount || i == buffer.count - 1 {
                try file.append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        try file.flush()
        runs.append(SortedRuns.Run(start: spilledEntries, sections: Self.sections(of: buffer, partitionBits: partitionBits)))
        spilledEntries += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// The partition of a key: its top `partitionBits` bits.
    static func partition(of key: UInt64, partitionBits: Int) -> Int {
        partitionBits == 0 ? 0 : Int(key >> UInt64(64 - partitionBits))
    }

    /// For sorted entries: where each partition starts, then the count.
    static func sections(of sorted: [BucketEntry], partitionBits: Int) -> [Int] {
        let partitions = 1 << partitionBits
        var starts = [Int](repeating: sorted.count, count: partitions + 1)
        var i = 0
        for p in 0..<partitions {
            while i < sorted.count && partition(of: sorted[i].key, partitionBits: partitionBits) < p { i += 1 }
            starts[p] = i
        }
        return starts
    }

    /// Calls `body(key, values)` for each key that has at least two values (tests and small uses;
    /// the finder streams instead).
    func forEachBucket(_ body: (UInt64, [Int]) throws(DedupError) -> Void) throws(DedupError) {
        let sorted = try sorted()
        for partition in 0..<sorted.partitions {
            let merger = sorted.merger(partition: partition, memoryEntries: memoryEntries)
            var currentKey: UInt64?
            var values: [Int] = []
            while let entry = try merger.next() {
                if entry.key != currentKey {
                    if values.count > 1, let key = currentKey { try body(key, values) }
                    currentKey = entry.key
                    values.removeAll(keepingCapacity: true)
                }
                values.append(Int(entry.value))
            }
            if values.count > 1, let key = currentKey { try body(key, values) }
        }
    }
}
