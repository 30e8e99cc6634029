/// The coordinator side of `textmill dedup`: collects each document's exact hash, MinHash band
/// keys and shingles (on disk), then finds duplicates with bounded memory.
///
/// - Exact: documents with the same normalized-text hash; the first is kept.
/// - Near: documents sharing a band bucket are candidates; a candidate is a duplicate only if its
///   real Jaccard similarity (of the n-gram sets, read back from disk) with an earlier document
///   of the bucket reaches `threshold` — MinHash collisions alone are not trusted.
/// Duplicates are joined into clusters (union-find); each cluster keeps its first document.
/// Memory: the bucket entries beyond `memoryEntries` are spilled as sorted runs and merged;
/// per document only an offset, a count and a parent stay in memory.
public final class DuplicateFinder {
    public struct Options: Sendable {
        public var threshold = 0.8
        public var memoryEntries = 4_000_000
        public var spillDirectory = "/tmp"
        /// Earlier documents of one bucket a candidate is verified against, at most.
        public var maxComparisons = 64
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
    private var matches: [Int: (matched: Int, jaccard: Double, kind: Kind)] = [:]
    private var cache: [Int: [UInt64]] = [:]
    public private(set) var comparisons = 0

    public init(hasher: MinHasher = MinHasher(), options: Options = Options()) throws(DedupError) {
        self.hasher = hasher
        self.options = options
        exactRuns = BucketRuns(memoryEntries: options.memoryEntries / (hasher.bands + 1) + 1, directory: options.spillDirectory)
        bandRuns = BucketRuns(memoryEntries: options.memoryEntries, directory: options.spillDirectory)
        shingleFile = try SpillFile(directory: options.spillDirectory)
        idFile = try SpillFile(directory: options.spillDirectory)
    }

    public var documents: Int { shingleOffsets.count }
    public var spilledRuns: Int { exactRuns.spilledRuns + bandRuns.spilledRuns }

    /// Adds the next document (numbered from 0 in call order).
    @discardableResult
    public func add(id: [UInt8] = [], exactHash: UInt64, signature: [UInt64], shingles: [UInt64]) throws(DedupError) -> Int {
        let doc = sets.add()
        idOffsets.append(idFile.size)
        try idFile.append(id)
        shingleOffsets.append(shingleFile.size)
        shingleCounts.append(Int32(shingles.count))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(shingles.count * 8)
        for s in shingles { DedupSignature.put(s, &bytes) }
        try shingleFile.append(bytes)
        try exactRuns.add(key: exactHash, doc: doc)
        if !shingles.isEmpty {
            for key in hasher.bandKeys(signature) { try bandRuns.add(key: key, doc: doc) }
        }
        return doc
    }

    /// Every removed document, in document order.
    public func finish() throws(DedupError) -> [Duplicate] {
        try shingleFile.flush()
        try exactRuns.forEachBucket { _, docs throws(DedupError) in
            for doc in docs.dropFirst() where matches[doc] == nil {
                matches[doc] = (docs[0], 1, .exact)
                sets.union(doc, docs[0])
            }
        }
        var rejectedPairs = Set<UInt64>()
        try bandRuns.forEachBucket { _, docs throws(DedupError) in
            for (j, doc) in docs.enumerated().dropFirst() where matches[doc] == nil {
                for earlier in docs[max(0, j - options.maxComparisons)..<j].reversed() {
                    let pair = UInt64(earlier) << 32 | UInt64(doc)
                    if rejectedPairs.contains(pair) { continue }
                    comparisons += 1
                    let similarity = MinHasher.jaccard(try shingles(earlier), try shingles(doc))
                    if similarity >= options.threshold {
                        matches[doc] = (earlier, similarity, .near)
                        sets.union(doc, earlier)
                        break
                    }
                    rejectedPairs.insert(pair)
                }
            }
        }
        return matches.keys.sorted().map { doc in
            let m = matches[doc]!
            return Duplicate(document: doc, kept: sets.find(doc), matched: m.matched, jaccard: m.jaccard, kind: m.kind)
        }
    }

    /// The id (JSON text) a document was added with.
    public func id(of doc: Int) throws(DedupError) -> [UInt8] {
        try idFile.flush()
        let end = doc + 1 < idOffsets.count ? idOffsets[doc + 1] : idFile.size
        return try idFile.read(at: idOffsets[doc], count: end - idOffsets[doc])
    }

    private func shingles(_ doc: Int) throws(DedupError) -> [UInt64] {
        if let cached = cache[doc] { return cached }
        let count = Int(shingleCounts[doc])
        let bytes = try shingleFile.read(at: shingleOffsets[doc], count: count * 8)
        var out = [UInt64](repeating: 0, count: count)
        for k in 0..<count {
            var v: UInt64 = 0
            for b in 0..<8 { v |= UInt64(bytes[k * 8 + b]) << (8 * b) }
            out[k] = v
        }
        if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
        cache[doc] = out
        return out
    }
}
