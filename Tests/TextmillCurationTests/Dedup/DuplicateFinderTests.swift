import Testing
@testable import TextmillCuration

/// The pieces of dedup on their own: MinHash arithmetic, band keys, spilled runs merged back in
/// order, and verification refusing MinHash candidates below the threshold.
@Suite struct DuplicateFinderTests {
    let hasher = MinHasher()

    func words(_ text: String) -> [[UInt8]] { text.split(separator: " ").map { Array($0.utf8) } }

    @Test func modularReductionIsExact() {
        // (a·x + b) mod (2^61 − 1) against a slow reference on edge values.
        let p = MinHasher.prime
        for (a, x, b) in [(p - 1, p - 1, p - 1), (1, 0, 0), (123_456_789, p - 2, 5), (p / 3, p / 7, p / 11)] as [(UInt64, UInt64, UInt64)] {
            let (high, low) = a.multipliedFullWidth(by: x)
            let expected = UInt64((UInt128(a) * UInt128(x) + UInt128(b)) % UInt128(p))
            #expect(MinHasher.reduce(high: high, low: low, plus: b) == expected)
        }
    }

    @Test func signaturesEstimateJaccard() {
        let base = (0..<400).map { "w\($0)" }
        var other = base
        for i in stride(from: 0, to: 400, by: 10) { other[i] = "x\(i)" }
        let a = hasher.shingles(words(base.joined(separator: " ")))
        let b = hasher.shingles(words(other.joined(separator: " ")))
        let exact = MinHasher.jaccard(a, b)
        let sa = hasher.signature(a), sb = hasher.signature(b)
        let estimate = Double(zip(sa, sb).filter { $0 == $1 }.count) / Double(sa.count)
        #expect(abs(estimate - exact) < 0.12, "estimate \(estimate), exact \(exact)")
        #expect(hasher.bandKeys(sa).count == 14)
        #expect(hasher.shingles(words("a b c")).count == 1)
        #expect(a.count == 396)
    }

    @Test func spilledRunsMergeIntoBuckets() throws {
        let runs = BucketRuns(memoryEntries: 3, directory: "/tmp")
        let pairs: [(UInt64, Int)] = [(5, 0), (9, 1), (5, 2), (7, 3), (9, 4), (5, 5), (1, 6), (7, 7)]
        for (key, doc) in pairs { try runs.add(key: key, value: UInt64(doc)) }
        #expect(runs.spilledRuns == 2)
        var buckets: [(UInt64, [Int])] = []
        try runs.forEachBucket { key, docs in buckets.append((key, docs)) }
        #expect(buckets.map(\.0) == [5, 7, 9])
        #expect(buckets.map(\.1) == [[0, 2, 5], [3, 7], [1, 4]])
    }

    @Test func candidatesAreVerified() throws {
        var options = DuplicateFinder.Options()
        options.memoryEntries = 10
        let finder = try DuplicateFinder(hasher: hasher, options: options)
        let text = (0..<60).map { "w\($0)" }
        var edited = text
        edited[30] = "changed"
        var far = text
        for i in stride(from: 0, to: 60, by: 3) { far[i] = "f\(i)" }
        for (i, t) in [text, edited, far, text].enumerated() {
            let sh = hasher.shingles(words(t.joined(separator: " ")))
            try finder.add(id: Array("\(i)".utf8), exactHash: i == 3 ? 0 : UInt64(i + 100), signature: hasher.signature(sh), shingles: sh)
        }
        try finder.finish()
        let found = try finder.duplicates()
        #expect(found.map(\.document) == [1, 3])
        #expect(found[0].kept == 0 && found[0].kind == .near && found[0].jaccard >= 0.8)
        // Document 3 repeats document 0's text under another exact hash: a near duplicate, matched
        // with the nearest earlier candidate that passes (the edited copy), in document 0's cluster.
        #expect(found[1].kept == 0 && found[1].matched == 1 && found[1].jaccard >= 0.8)
        #expect(try finder.id(of: 2) == Array("2".utf8))
    }

    @Test func partitionsSplitRunsByTheKeysTopBits() throws {
        // Two partitions (the top bit), spilled every 3 entries: each partition merges on its own.
        let runs = BucketRuns(memoryEntries: 3, directory: "/tmp", partitionBits: 1)
        let high: UInt64 = 1 << 63
        let pairs: [(UInt64, Int)] = [(high | 4, 0), (2, 1), (high | 4, 2), (2, 3), (3, 4), (high | 1, 5), (high | 1, 6), (3, 7)]
        for (key, doc) in pairs { try runs.add(key: key, value: UInt64(doc)) }
        let sorted = try runs.sorted()
        #expect(sorted.runs.count == 3)
        var byPartition: [[UInt64]] = []
        for partition in 0..<2 {
            let merger = sorted.merger(partition: partition, memoryEntries: 1)
            var keys: [UInt64] = []
            while let e = try merger.next() { keys.append(e.key) }
            byPartition.append(keys)
        }
        #expect(byPartition[0] == [2, 2, 3, 3])
        #expect(byPartition[1] == [high | 1, high | 1, high | 4, high | 4])
    }

    /// The same duplicates whatever the thread count and however much is spilled, and the same
    /// as the plain in-memory implementation of the rules (`InMemoryDeduplicator`): with a sort
    /// memory of a few entries every step goes through disk.
    @Test func resultDoesNotDependOnThreadsOrMemory() throws {
        let corpus = PlantedDuplicateCorpus(bases: 120)
        var reference = InMemoryDeduplicator(hasher: hasher)
        var features: [(exact: UInt64, signature: [UInt64], shingles: [UInt64])] = []
        for (i, text) in corpus.documents.enumerated() {
            let sh = hasher.shingles(words(text.lowercased()))
            // Every 40th document has an exact hash of its own: if it copies an earlier text, it is
            // found as a near duplicate (Jaccard 1) instead.
            let exact = MinHasher.mix(UInt64(truncatingIfNeeded: i % 40 == 39 ? i : text.hashValue))
            features.append((exact, hasher.signature(sh), sh))
            reference.add(exactHash: exact, signature: features[i].signature, shingles: sh)
        }
        func run(threads: Int, memoryEntries: Int) throws -> (found: [DuplicateFinder.Duplicate], spilled: Int) {
            var options = DuplicateFinder.Options()
            options.threads = threads
            options.memoryEntries = memoryEntries
            let finder = try DuplicateFinder(hasher: hasher, options: options)
            for (i, f) in features.enumerated() {
                try finder.add(id: Array("\(i)".utf8), exactHash: f.exact, signature: f.signature, shingles: f.shingles)
            }
            try finder.finish()
            #expect(try finder.id(of: features.count - 1) == Array("\(features.count - 1)".utf8))
            return (try finder.duplicates(), finder.spilledRuns)
        }
        let expected = reference.duplicates()
        #expect(expected.count >= 40)
        #expect(expected.contains { $0.kind == .exact } && expected.contains { $0.kind == .near })
        #expect(expected.contains { $0.kept != $0.matched }, "a cluster resolved through a chain of matches")
        for (threads, memory) in [(1, 10_000_000), (4, 10_000_000), (1, 300), (3, 97), (2, 3)] {
            let other = try run(threads: threads, memoryEntries: memory)
            #expect(other.found == expected, "threads \(threads), memory \(memory)")
            #expect((other.spilled == 0) == (memory > 1000), "threads \(threads), memory \(memory): \(other.spilled) runs")
        }
        for d in expected {
            #expect(d.kept <= d.matched && d.matched < d.document)
            #expect(d.jaccard >= 0.8)
        }
    }
}
