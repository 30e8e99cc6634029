/// The sorted runs of a finished `BucketRuns`, immutable: any number of threads can merge
/// partitions of it at once, since the spill file is only read (`pread` at fixed offsets).
struct SortedRuns: Sendable {
    /// One sorted run: its first entry's index in the file, and where each partition starts
    /// (relative to `start`), then its length.
    struct Run: Sendable {
        let start: Int
        let sections: [Int]
    }

    let file: SpillFile?
    let runs: [Run]
    /// The entries when nothing was spilled (one run, in memory).
    let memory: [BucketEntry]
    let partitions: Int

    /// A k-way merge of partition `partition` of every run, reading each run in blocks so that
    /// all blocks together hold about `memoryEntries` entries (at least 256 per run).
    func merger(partition: Int, memoryEntries: Int) -> RunMerger {
        let block = max(256, min(1 << 16, memoryEntries / max(1, runs.count)))
        return RunMerger(
            cursors: runs.map { run in
                RunMerger.Cursor(
                    file: file, memory: memory, start: run.start + run.sections[partition],
                    end: run.start + run.sections[partition + 1], blockEntries: block)
            })
    }
}
