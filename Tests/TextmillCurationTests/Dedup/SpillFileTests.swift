import Testing
@testable import TextmillCuration

/// Spill files read back at any offset, across the flushed part and the buffer; fixed-size
/// records through a one-block cache; the document store's ids and n-gram sets.
@Suite struct SpillFileTests {
    @Test func readsSpanTheFlushedBytesAndTheBuffer() throws {
        let file = try SpillFile(directory: "/tmp")
        try file.append(Array(0..<100))
        try file.flush()
        try file.append(Array(100..<150))
        #expect(try file.read(at: 90, count: 20) == Array(90..<110))
        #expect(try file.read(at: 120, count: 30) == Array(120..<150))
        #expect(try file.read(at: 0, count: 5) == Array(0..<5))
        #expect(throws: DedupError.self) { try file.read(at: 140, count: 11) }
        try file.flush()
        #expect(try file.read(at: 95, count: 10) == Array(95..<105))
    }

    @Test func appendsLargerThanTheBufferAreWrittenInOrder() throws {
        let file = try SpillFile(directory: "/tmp")
        let large = (0..<(SpillFile.bufferBytes + 1000)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try file.append([1, 2, 3])
        try file.append(large)
        try file.append([4, 5])
        #expect(file.size == large.count + 5)
        #expect(try file.read(at: 0, count: 5) == [1, 2, 3] + large[0..<2])
        #expect(try file.read(at: large.count + 1, count: 4) == large[(large.count - 2)...] + [4, 5])
    }

    @Test func fixedRecordsThroughTheBlockCache() throws {
        let file = try SpillFile(directory: "/tmp")
        var bytes: [UInt8] = []
        for r in 0..<1000 {
            DedupSignature.put(UInt64(r), &bytes)
            DedupSignature.put(UInt64(r) * 1_000_003, &bytes)
        }
        try file.append(bytes)
        let reader = FixedRecordReader(file: file, words: 2, blockRecords: 64)
        #expect(reader.count == 1000)
        for r in [0, 63, 64, 999, 500, 1, 998] {
            #expect(try reader.word(r, 0) == UInt64(r) && reader.word(r, 1) == UInt64(r) * 1_000_003)
        }
        // A block read while the file was shorter is read again once the record exists.
        let growing = try SpillFile(directory: "/tmp")
        let table = FixedRecordReader(file: growing, words: 1, blockRecords: 8)
        var one: [UInt8] = []
        DedupSignature.put(7, &one)
        try growing.append(one)
        #expect(try table.word(0, 0) == 7)
        one.removeAll()
        DedupSignature.put(8, &one)
        try growing.append(one)
        #expect(try table.word(1, 0) == 8)
        #expect(throws: DedupError.self) { try table.word(2, 0) }
    }

    @Test func documentStoreKeepsIdsAndSets() throws {
        let store = try DocumentStore(directory: "/tmp")
        try store.append(id: Array(#""a""#.utf8), shingles: [3, 1 << 63, 5])
        try store.append(id: [], shingles: [])
        try store.append(id: Array("42".utf8), shingles: [9])
        #expect(store.count == 3)
        let reader = DocumentStore.Reader(store, blockRecords: 2)
        #expect(try reader.id(2) == Array("42".utf8) && reader.shingles(2) == [9])
        #expect(try reader.id(1) == [] && reader.shingles(1) == [])
        #expect(try reader.id(0) == Array(#""a""#.utf8) && reader.shingles(0) == [3, 1 << 63, 5])
    }
}
