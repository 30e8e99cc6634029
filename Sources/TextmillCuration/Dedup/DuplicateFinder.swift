import Synchronization

/// The coordinator side of `textmill dedup`: collects each document's exact hash, MinHash band
/// keys and shingles (on disk), then finds duplicates with bounded memory on several threads.
///
/// - Exact: documents with the same normalized-text hash; the first is kept.
/// - Near: documents sharing a band bucket are candidates; a candidate is a duplicate only if its
///   real Jaccard similarity (of the n-gram sets, read back from disk) with an earlier document
///   of the bucket reaches `threshold` — MinHash collisions alone are not trusted.
/// Duplicates are joined into clusters; each cluster keeps its first document.
///
/// Memory does not grow with the corpus: everything per document is on disk. The exact hashes,
/// the band keys and the candidate pairs are external sorts (`BucketRuns`: sorted runs of at
/// most `memoryEntries` entries spilled to disk, k-way merged); ids and n-gram sets are in a
/// `DocumentStore`, band keys in a file in document order; the verdicts are a `DecisionTable`
/// written in document order by a streaming merge of the exact duplicates (sorted by document)
/// and the verified near ones. What stays in memory is the sort buffers, the merge blocks and a
/// bounded cache of n-gram sets, all sized by `memoryEntries`.
///
/// Threads: the 16 band partitions are merged into candidate pairs in parallel; the pairs are
/// sorted by document, and each document's candidates are verified in parallel batches. The
/// result does not depend on the thread count or the memory: a document's candidates are tried
/// nearest first, and the first that reaches the threshold is its match.
public final class DuplicateFinder {
    public struct Options: Sendable {
        public var threshold = 0.8
        public var memoryEntries = 4_000_000
        public var spillDirectory = "/tmp"
        /// Earlier documents of one bucket a candidate is verified against, at most.
        public var maxComparisons = 64
        /// Threads for clustering (merging buckets, verifying candidates).
        public var threads = 1
        public init() {}
    }

    public enum Kind: String, Sendable { case exact, near }

    /// A removed document: the cluster's kept document, the document it was matched with
    /// (earlier than it), their Jaccard similarity and how it was found.
    public struct Duplicate: Sendable, Equatable {
        public let document: Int
        public let kept: Int
        public let matched: Int
        public let jaccard: Double
        public let kind: Kind
    }

    /// Band keys carry their band (mod 16) in the top bits: a partition per band.
    static let partitionBits = 4

    public let hasher: MinHasher
    public let options: Options
    /// Entries of the sorts keyed by exact hash or by document (one entry per document, where
    /// the band sort has one per band).
    private let exactMemory: Int
    private let exactRuns: BucketRuns
    private let store: DocumentStore
    /// Per document with n-grams, in document order: the document, then its band keys.
    private let bandFile: SpillFile
    private let decisions: DecisionTable
    private var idReader: DocumentStore.Reader?
    private var finished = false
    public private(set) var comparisons = 0
    public private(set) var candidatePairs = 0
    public private(set) var removedCount = 0
    public private(set) var exactCount = 0
    public private(set) var spilledRuns = 0

    public init(hasher: MinHasher = MinHasher(), options: Options = Options()) throws(DedupError) {
        self.hasher = hasher
        self.options = options
        exactMemory = options.memoryEntries / (hasher.bands + 1) + 1
        exactRuns = BucketRuns(memoryEntries: exactMemory, directory: options.spillDirectory)
        store = try DocumentStore(directory: options.spillDirectory)
        bandFile = try SpillFile(directory: options.spillDirectory)
        decisions = try DecisionTable(directory: options.spillDirectory)
    }

    public var documents: Int { store.count }

    /// Adds the next document (numbered from 0 in call order).
    @discardableResult
    public func add(id: [UInt8] = [], exactHash: UInt64, signature: [UInt64], shingles: [UInt64]) throws(DedupError) -> Int {
        try add(id: id, exactHash: exactHash, bandKeys: shingles.isEmpty ? [] : hasher.bandKeys(signature), shingles: shingles)
    }

    /// Adds the next document by its band keys (as the `minhash` stage writes them).
    @discardableResult
    public func add(id: [UInt8] = [], exactHash: UInt64, bandKeys: [UInt64], shingles: [UInt64]) throws(DedupError) -> Int {
        guard !finished else { throw DedupError("a document added after the duplicates were found") }
        guard shingles.isEmpty || bandKeys.count == hasher.bands else {
            throw DedupError("\(bandKeys.count) band keys where the hasher has \(hasher.bands) bands")
        }
        let doc = store.count
        try store.append(id: id, shingles: shingles)
        try exactRuns.add(key: exactHash, value: UInt64(doc))
        if !shingles.isEmpty {
            var bytes: [UInt8] = []
            bytes.reserveCapacity((1 + bandKeys.count) * 8)
            DedupSignature.put(UInt64(doc), &bytes)
            for key in bandKeys { DedupSignature.put(key, &bytes) }
            try bandFile.append(bytes)
        }
        return doc
    }

    static func partitioned(_ key: UInt64, band: Int) -> UInt64 {
        UInt64(band & 15) << 60 | key & ((1 << 60) - 1)
    }

    /// Finds every duplicate; afterwards `duplicate(of:)` answers for each document.
    public func finish() throws(DedupError) {
        guard !finished else { return }
        finished = true
        try store.flush()
        try bandFile.flush()
        let exactDuplicates = try findExact()
        let bands = try bucketBands(skipping: exactDuplicates)
        let candidates = try collectCandidates(bands)
        let near = try verify(candidates)
        try decide(exactDuplicates, near)
    }

    /// Documents with the same exact hash are duplicates of the first: (document, first)
    /// entries, sorted by document.
    private func findExact() throws(DedupError) -> SortedRuns {
        let merger = try exactRuns.sorted().merger(partition: 0, memoryEntries: exactMemory)
        spilledRuns += exactRuns.spilledRuns
        let duplicates = BucketRuns(memoryEntries: exactMemory, directory: options.spillDirectory)
        var currentKey: UInt64?
        var first: UInt64 = 0
        while let entry = try merger.next() {
            if entry.key == currentKey {
                try duplicates.add(key: entry.value, value: first)
            } else {
                currentKey = entry.key
                first = entry.value
            }
        }
        defer { spilledRuns += duplicates.spilledRuns }
        return try duplicates.sorted()
    }

    /// The band keys of every document that is not an exact duplicate (those are kept out of
    /// the buckets), sorted by partitioned key: a scan of the band file in document order
    /// beside the exact duplicates in document order.
    private func bucketBands(skipping exactDuplicates: SortedRuns) throws(DedupError) -> SortedRuns {
        let runs = BucketRuns(
            memoryEntries: options.memoryEntries, directory: options.spillDirectory, partitionBits: Self.partitionBits)
        let exact = exactDuplicates.merger(partition: 0, memoryEntries: exactMemory)
        var nextExact = try exact.next()
        let records = FixedRecordReader(file: bandFile, words: 1 + hasher.bands, blockRecords: 4096)
        for record in 0..<records.count {
            let doc = try records.word(record, 0)
            while let e = nextExact, e.key < doc { nextExact = try exact.next() }
            if nextExact?.key == doc { continue }
            for band in 0..<hasher.bands {
                try runs.add(key: Self.partitioned(try records.word(record, 1 + band), band: band), value: doc)
            }
        }
        defer { spilledRuns += runs.spilledRuns }
        return try runs.sorted()
    }

    /// (document, earlier document) for each document with each of the up to `maxComparisons`
    /// earlier documents of every band bucket it is in; the band partitions are merged on
    /// `threads` threads, the pairs sorted by document on disk.
    private func collectCandidates(_ bands: SortedRuns) throws(DedupError) -> SortedRuns {
        let threads = max(1, min(options.threads, bands.partitions))
        let memoryPerThread = max(1, options.memoryEntries / threads)
        let pairs = Mutex(BucketRuns(memoryEntries: options.memoryEntries, directory: options.spillDirectory))
        let nextPartition = Atomic<Int>(0)
        let window = options.maxComparisons
        try ParallelWork.run(threads) { _ throws(DedupError) in
            var batch: [BucketEntry] = []
            func flush() throws(DedupError) {
                try pairs.withLock { runs throws(DedupError) in
                    for entry in batch { try runs.add(key: entry.key, value: entry.value) }
                }
                batch.removeAll(keepingCapacity: true)
            }
            while true {
                let partition = nextPartition.add(1, ordering: .relaxed).oldValue
                guard partition < bands.partitions else { break }
                let merger = bands.merger(partition: partition, memoryEntries: memoryPerThread)
                var bucket: UInt64?
                var earlier: [UInt64] = []
                while let entry = try merger.next() {
                    if entry.key != bucket {
                        bucket = entry.key
                        earlier.removeAll(keepingCapacity: true)
                    }
                    for e in earlier { batch.append(BucketEntry(key: entry.value, value: e)) }
                    earlier.append(entry.value)
                    if earlier.count > window { earlier.removeFirst() }
                    if batch.count >= 1 << 16 { try flush() }
                }
            }
            try flush()
        }
        return try pairs.withLock { runs throws(DedupError) in
            spilledRuns += runs.spilledRuns
            return try runs.sorted()
        }
    }

    /// Each document's candidates, nearest first, until one reaches the threshold; batches of
    /// documents are verified on `threads` threads. Returns the matches in document order
    /// (document, matched document, bits of the similarity), on disk.
    private func verify(_ candidates: SortedRuns) throws(DedupError) -> SpillFile {
        let merger = candidates.merger(partition: 0, memoryEntries: options.memoryEntries)
        let threads = max(1, options.threads)
        let cacheShingles = max(1 << 16, options.memoryEntries / threads)
        let readers = (0..<threads).map { _ in ReaderSlot(ShingleReader(store: store, cacheShingles: cacheShingles)) }
        let threshold = options.threshold
        let matches = try SpillFile(directory: options.spillDirectory)
        var groups: [(doc: Int, earlier: [Int])] = []
        var pairsInBatch = 0

        func runBatch() throws(DedupError) {
            let slices = Self.slices(groups.count, threads)
            let found = Mutex([[(doc: Int, matched: Int, similarity: Double)]](repeating: [], count: slices.count))
            let tried = Atomic<Int>(0)
            let batch = groups
            try ParallelWork.run(slices.count) { slice throws(DedupError) in
                var matches: [(doc: Int, matched: Int, similarity: Double)] = []
                var compared = 0
                try readers[slice].reader.withLock { reader throws(DedupError) in
                    for group in batch[slices[slice]] {
                        let own = try reader.shingles(group.doc)
                        for candidate in group.earlier.reversed() {
                            compared += 1
                            let s = MinHasher.jaccard(try reader.shingles(candidate), own)
                            if s >= threshold {
                                matches.append((group.doc, candidate, s))
                                break
                            }
                        }
                    }
                }
                tried.add(compared, ordering: .relaxed)
                found.withLock { $0[slice] = matches }
            }
            comparisons += tried.load(ordering: .relaxed)
            var bytes: [UInt8] = []
            for slice in found.withLock({ $0 }) {
                for m in slice {
                    DedupSignature.put(UInt64(m.doc), &bytes)
                    DedupSignature.put(UInt64(m.matched), &bytes)
                    DedupSignature.put(m.similarity.bitPattern, &bytes)
                }
            }
            try matches.append(bytes)
            groups.removeAll(keepingCapacity: true)
            pairsInBatch = 0
        }

        var current: (doc: Int, earlier: [Int])?
        while let entry = try merger.next() {
            candidatePairs += 1
            let doc = Int(entry.key), other = Int(entry.value)
            if current?.doc == doc {
                if current?.earlier.last != other { current?.earlier.append(other) }
                continue
            }
            if let done = current {
                groups.append(done)
                pairsInBatch += done.earlier.count
                if pairsInBatch >= 1 << 15 { try runBatch() }
            }
            current = (doc, [other])
        }
        if let done = current { groups.append(done) }
        if !groups.isEmpty { try runBatch() }
        try matches.flush()
        return matches
    }

    /// Every document's verdict into the decision table, in document order: a streaming merge
    /// of the exact duplicates and the near matches (both in document order; a document is in
    /// one at most, since exact duplicates have no candidates).
    private func decide(_ exactDuplicates: SortedRuns, _ nearMatches: SpillFile) throws(DedupError) {
        let exact = exactDuplicates.merger(partition: 0, memoryEntries: exactMemory)
        var nextExact = try exact.next()
        let near = FixedRecordReader(file: nearMatches, words: 3, blockRecords: 4096)
        var nextNear = 0
        for doc in 0..<documents {
            if let e = nextExact, e.key == UInt64(doc) {
                try decisions.append(matched: Int(e.value), similarity: 1, exact: true)
                exactCount += 1
                removedCount += 1
                nextExact = try exact.next()
            } else if nextNear < near.count, try near.word(nextNear, 0) == UInt64(doc) {
                try decisions.append(
                    matched: Int(try near.word(nextNear, 1)), similarity: Double(bitPattern: try near.word(nextNear, 2)), exact: false)
                removedCount += 1
                nextNear += 1
            } else {
                try decisions.append(matched: nil, similarity: 0, exact: false)
            }
        }
        try decisions.flush()
    }

    /// `count` items cut into up to `parts` contiguous ranges of nearly equal size.
    static func slices(_ count: Int, _ parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// Document `doc`'s removal (after `finish`), or nil when it is kept. Fastest in document order.
    public func duplicate(of doc: Int) throws(DedupError) -> Duplicate? {
        guard finished else { throw DedupError("duplicates asked for before finish()") }
        return try decisions.duplicate(of: doc)
    }

    /// Every removed document, in document order (for tests and small inputs: it is a list in memory).
    public func duplicates() throws(DedupError) -> [Duplicate] {
        var out: [Duplicate] = []
        for doc in 0..<documents { if let d = try duplicate(of: doc) { out.append(d) } }
        return out
    }

    /// The id (JSON text) a document was added with.
    public func id(of doc: Int) throws(DedupError) -> [UInt8] {
        let reader = idReader ?? DocumentStore.Reader(store)
        idReader = reader
        return try reader.id(doc)
    }

    /// A verification thread's reader, behind a lock it never waits for (one thread per slot).
    private final class ReaderSlot: Sendable {
        let reader: Mutex<ShingleReader>
        init(_ reader: sending ShingleReader) { self.reader = Mutex(reader) }
    }
}
