@testable import TextmillCuration

/// `DuplicateFinder`'s rules written the plain way, everything in memory (a dictionary of exact
/// hashes, one of band buckets, arrays per document, union-find): the reference the spilling
/// finder must equal document for document, whatever it spills.
struct InMemoryDeduplicator {
    let hasher: MinHasher
    var threshold = 0.8
    var window = 64
    private var exactHashes: [UInt64] = []
    private var bandKeys: [[UInt64]] = []
    private var shingles: [[UInt64]] = []

    init(hasher: MinHasher) { self.hasher = hasher }

    mutating func add(exactHash: UInt64, signature: [UInt64], shingles: [UInt64]) {
        exactHashes.append(exactHash)
        bandKeys.append(shingles.isEmpty ? [] : hasher.bandKeys(signature))
        self.shingles.append(shingles)
    }

    func duplicates() -> [DuplicateFinder.Duplicate] {
        let count = exactHashes.count
        var matched = [Int?](repeating: nil, count: count)
        var similarity = [Double](repeating: 0, count: count)
        var exact = [Bool](repeating: false, count: count)
        var firstWithHash: [UInt64: Int] = [:]
        for doc in 0..<count {
            if let first = firstWithHash[exactHashes[doc]] {
                (matched[doc], similarity[doc], exact[doc]) = (first, 1, true)
            } else {
                firstWithHash[exactHashes[doc]] = doc
            }
        }
        // Buckets of the documents that are not exact duplicates, in document order; each
        // document's candidates are the up to `window` documents before it in each bucket.
        var buckets: [UInt64: [Int]] = [:]
        for doc in 0..<count where !exact[doc] {
            for (band, key) in bandKeys[doc].enumerated() { buckets[DuplicateFinder.partitioned(key, band: band), default: []].append(doc) }
        }
        var candidates = [Set<Int>](repeating: [], count: count)
        for docs in buckets.values {
            for (i, doc) in docs.enumerated() { candidates[doc].formUnion(docs[max(0, i - window)..<i]) }
        }
        for doc in 0..<count where !exact[doc] {
            for candidate in candidates[doc].sorted(by: >) {
                let s = MinHasher.jaccard(shingles[candidate], shingles[doc])
                if s >= threshold {
                    (matched[doc], similarity[doc]) = (candidate, s)
                    break
                }
            }
        }
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { x = parent[x] }
            return x
        }
        for doc in 0..<count {
            if let m = matched[doc] {
                let a = find(doc), b = find(m)
                parent[max(a, b)] = min(a, b)
            }
        }
        return (0..<count).compactMap { doc in
            matched[doc].map {
                DuplicateFinder.Duplicate(document: doc, kept: find(doc), matched: $0, jaccard: similarity[doc], kind: exact[doc] ? .exact : .near)
            }
        }
    }
}
