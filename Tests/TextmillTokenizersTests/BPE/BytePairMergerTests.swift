import Testing
@testable import TextmillTokenizers
import TextmillTestSupport

/// The merge loop: known merges, the two loops agreeing on random rule sets, and no quadratic blow-up.
@Suite struct BytePairMergerTests {
    /// Symbols 0…3 are a b c d; rules: (a,b)→10 rank 0, (b,c)→11 rank 1, (10,c)→12 rank 2, (c,d)→13 rank 3.
    static func smallTable() -> PairMergeTable {
        var table = PairMergeTable()
        table.insert(left: 0, right: 1, rank: 0, merged: 10)
        table.insert(left: 1, right: 2, rank: 1, merged: 11)
        table.insert(left: 10, right: 2, rank: 2, merged: 12)
        table.insert(left: 2, right: 3, rank: 3, merged: 13)
        return table
    }

    @Test func mergesLowestRankFirstAndReportsStarts() {
        let merger = BytePairMerger()
        var symbols: [UInt32] = [0, 1, 2, 3, 0, 1]  // a b c d a b
        var starts: [Int32] = []
        merger.merge(&symbols, table: Self.smallTable(), starts: &starts)
        // ab→10, ab→10, then (10,c)→12 (rank 2) before (c,d) (rank 3), which no longer exists.
        #expect(symbols == [12, 3, 10])
        #expect(starts == [0, 3, 4])
    }

    @Test func equalRanksMergeLeftmostFirst() {
        var table = PairMergeTable()
        table.insert(left: 0, right: 0, rank: 0, merged: 5)  // aa
        for useHeap in [false, true] {
            var symbols: [UInt32] = [0, 0, 0]
            var starts: [Int32] = []
            BytePairMerger().merge(&symbols, table: table, starts: &starts, useHeap: useHeap)
            #expect(symbols == [5, 0], "useHeap \(useHeap)")
            #expect(starts == [0, 2])
        }
    }

    @Test func scanAndHeapLoopsAgreeOnRandomRules() {
        var random = SeededGenerator(seed: 42)
        let merger = BytePairMerger()
        for _ in 0 ..< 300 {
            // 4 base symbols; rules over symbols < 40 producing new ids 4…; ranks unique per merged id.
            var table = PairMergeTable()
            var next: UInt32 = 4
            for _ in 0 ..< 30 {
                let left = UInt32(random.next() % UInt64(next)), right = UInt32(random.next() % UInt64(next))
                table.insert(left: left, right: right, rank: next, merged: next)
                next += 1
            }
            let length = Int(random.next() % 120) + 2
            let input = (0 ..< length).map { _ in UInt32(random.next() % 4) }
            var scanned = input, heaped = input
            var scanStarts: [Int32] = [], heapStarts: [Int32] = []
            merger.merge(&scanned, table: table, starts: &scanStarts, useHeap: false)
            merger.merge(&heaped, table: table, starts: &heapStarts, useHeap: true)
            #expect(scanned == heaped)
            #expect(scanStarts == heapStarts)
        }
    }

    /// 256 Ki copies of one symbol with a doubling rule chain (x, xx, xxxx, …): the heap loop is O(n log n);
    /// a quadratic loop would need ~10^11 steps. (The 1 MB timing is in TiktokenTokenizerTests.)
    @Test(.timeLimit(.minutes(2))) func longRunIsNotQuadratic() {
        var table = PairMergeTable()
        for level in 0 ..< 18 { table.insert(left: UInt32(level), right: UInt32(level), rank: UInt32(level), merged: UInt32(level + 1)) }
        var symbols = [UInt32](repeating: 0, count: 1 << 18)
        BytePairMerger().merge(&symbols, table: table)
        #expect(symbols == [18])
    }
}

