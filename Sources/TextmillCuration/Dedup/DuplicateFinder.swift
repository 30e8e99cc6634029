import Synchronization

/// The coordinator side of `textmill dedup`: collects each document's exact hash, MinHash band
/// keys and shingles (on disk), then finds duplicates with bounded memory on several threads.
///
/// - Exact: documents with the same normalized-text hash; the first is kept.
/// - Near: documents sharing a band bucket are candidates; a candidate is a duplicate only if its
///   real Jaccard similarity (of the n-gram sets, read back from disk) with an earlier document
///   of the bucket reaches `threshold` — MinHash collisions alone are not trusted.
/// Duplicates are joined into clusters (union-find); each cluster keeps its first document.
///
/// Memory: the bucket entries (15 per document) and the candidate pairs are external sorts
/// (`BucketRuns`: sorted runs of `memoryEntries` spilled to disk, k-way merged); n-gram sets and
/// ids live in spill files. What stays in memory grows with the number of documents, not their
/// size: about 45 bytes each (offsets, union-find parent, match).
///
/// Threads: the 16 band partitions are merged into candidate pairs in parallel; the pairs are
/// sorted by document, and each document's candidates are verified in parallel batches. The
/// result does not depend on the thread count: a document's candidates are tried nearest
/// first, and the first that reaches the threshold is its match.
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
    private let exactRuns: BucketRuns
    private let bandRuns: BucketRuns
    private let shingleFile: SpillFile
    private let idFile: SpillFile
    private var idOffsets: [Int] = []
    private var shingleOffsets: [Int] = []
    private var shingleCounts: [Int32] = []
    private var sets = DisjointSets()
    /// Per document: the earlier document it was matched with, or -1.
    private var matchedWith: [Int] = []
    private var similarity: [Double] = []
    private var exact: [Bool] = []
    public private(set) var comparisons = 0
    public private(set) var candidatePairs = 0
    public private(set) var removedCount = 0
    public private(set) var exactCount = 0

    public init(hasher: MinHasher = MinHasher(), options: Options = Options()) throws(DedupError) {
        self.hasher = hasher
        self.options = options
        exactRuns = BucketRuns(memoryEntries: options.memoryEntries / (hasher.bands + 1) + 1, directory: options.spillDirectory)
        bandRuns = BucketRuns(
            memoryEntries: options.memoryEntries, directory: options.spillDirectory, partitionBits: Self.partitionBits)
        shingleFile = try SpillFile(directory: options.spillDirectory)
        idFile = try SpillFile(directory: options.spillDirectory)
    }

    public var documents: Int { shingleOffsets.count }
    public private(set) var spilledRuns = 0

    /// Adds the next document (numbered from 0 in call order).
    @discardableResult
    public func add(id: [UInt8] = [], exactHash: UInt64, signature: [UInt64], shingles: [UInt64]) throws(DedupError) -> Int {
        try add(id: id, exactHash: exactHash, bandKeys: shingles.isEmpty ? [] : hasher.bandKeys(signature), shingles: shingles)
    }

    /// Adds the next document by its band keys (as the `minhash` stage writes them).
    @discardableResult
    public func add(id: [UInt8] = [], exactHash: UInt64, bandKeys: [UInt64], shingles: [UInt64]) throws(DedupError) -> Int {
        guard shingles.isEmpty || bandKeys.count == hasher.bands else {
            throw DedupError("\(bandKeys.count) band keys where the hasher has \(hasher.bands) bands")
        }
        let doc = sets.add()
        idOffsets.append(idFile.size)
        try idFile.append(id)
        shingleOffsets.append(shingleFile.size)
        shingleCounts.append(Int32(shingles.count))
        matchedWith.append(-1)
        similarity.append(0)
        exact.append(false)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(shingles.count * 8)
        for s in shingles { DedupSignature.put(s, &bytes) }
        try shingleFile.append(bytes)
        try exactRuns.add(key: exactHash, value: UInt64(doc))
        if !shingles.isEmpty {
            for (band, key) in bandKeys.enumerated() {
                try bandRuns.add(key: Self.partitioned(key, band: band), value: UInt64(doc))
            }
        }
        return doc
    }

    static func partitioned(_ key: UInt64, band: Int) -> UInt64 {
        UInt64(band & 15) << 60 | key & ((1 << 60) - 1)
    }

    /// Finds every duplicate; afterwards `duplicate(of:)` answers for each document.
    public func finish() throws(DedupError) {
        try shingleFile.flush()
        try idFile.flush()
        try findExact()
        let candidates = try collectCandidates()
        try verify(candidates)
        spilledRuns += exactRuns.spilledRuns + bandRuns.spilledRuns
    }

    /// Documents with the same exact hash are duplicates of the first.
    private func findExact() throws(DedupError) {
        let merger = try exactRuns.sorted().merger(partition: 0, memoryEntries: options.memoryEntries)
        var currentKey: UInt64?
        var first = 0
        while let entry = try merger.next() {
            let doc = Int(entry.value)
            if entry.key == currentKey {
                record(doc, matched: first, similarity: 1, exact: true)
            } else {
                currentKey = entry.key
                first = doc
            }
        }
    }

    /// (document, earlier document) for each document with each of the up to `maxComparisons`
    /// earlier documents of every band bucket it is in, exact duplicates left out; the band
    /// partitions are merged on `threads` threads, the pairs sorted by document on disk.
    private func collectCandidates() throws(DedupError) -> SortedRuns {
        let bands = try bandRuns.sorted()
        let threads = max(1, min(options.threads, bands.partitions))
        let memoryPerThread = max(1, options.memoryEntries / threads)
        let pairs = Mutex(BucketRuns(memoryEntries: options.memoryEntries, directory: options.spillDirectory))
        let nextPartition = Atomic<Int>(0)
        let isExact = exact
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
                    if isExact[Int(entry.value)] { continue }
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
    /// documents are verified on `threads` threads and applied in document order.
    private func verify(_ candidates: SortedRuns) throws(DedupError) {
        let merger = candidates.merger(partition: 0, memoryEntries: options.memoryEntries)
        let store = ShingleStore(file: shingleFile, offsets: shingleOffsets, counts: shingleCounts)
        let threads = max(1, options.threads)
        let readers = (0..<threads).map { _ in ReaderSlot(ShingleReader(store: store)) }
        let threshold = options.threshold
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
            for slice in found.withLock({ $0 }) {
                for m in slice { record(m.doc, matched: m.matched, similarity: m.similarity, exact: false) }
            }
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
    }

    private func record(_ doc: Int, matched: Int, similarity s: Double, exact isExact: Bool) {
        guard matchedWith[doc] < 0 else { return }
        matchedWith[doc] = matched
        similarity[doc] = s
        exact[doc] = isExact
        sets.union(doc, matched)
        removedCount += 1
        if isExact { exactCount += 1 }
    }

    /// `count` items cut into up to `parts` contiguous ranges of nearly equal size.
    static func slices(_ count: Int, _ parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// Document `doc`'s removal (after `finish`), or nil when it is kept.
    public func duplicate(of doc: Int) -> Duplicate? {
        let matched = matchedWith[doc]
        guard matched >= 0 else { return nil }
        return Duplicate(
            document: doc, kept: sets.find(doc), matched: matched, jaccard: similarity[doc], kind: exact[doc] ? .exact : .near)
    }

    /// Every removed document, in document order (for tests and small inputs: it is a list in memory).
    public func duplicates() -> [Duplicate] {
        (0..<documents).compactMap { duplicate(of: $0) }
    }

    /// The id (JSON text) a document was added with.
    public func id(of doc: Int) throws(DedupError) -> [UInt8] {
        try idFile.flush()
        let end = doc + 1 < idOffsets.count ? idOffsets[doc + 1] : idFile.size
        return try idFile.read(at: idOffsets[doc], count: end - idOffsets[doc])
    }

    /// A verification thread's reader, behind a lock it never waits for (one thread per slot).
    private final class ReaderSlot: Sendable {
        let reader: Mutex<ShingleReader>
        init(_ reader: sending ShingleReader) { self.reader = Mutex(reader) }
    }
}
