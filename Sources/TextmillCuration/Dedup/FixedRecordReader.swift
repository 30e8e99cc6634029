/// Reads the fixed-size records of a `SpillFile` (records of `words` little-endian 64-bit
/// words) through a one-block cache, so that a scan in order costs one `pread` per block and a
/// lookup one per miss. Dedup's per-document tables live on disk this way instead of in arrays
/// that grow with the corpus. One reader per thread (the block is its own).
final class FixedRecordReader {
    private let file: SpillFile
    let words: Int
    private let blockRecords: Int
    private var block: [UInt8] = []
    private var blockStart = 0
    private var blockCount = 0

    init(file: SpillFile, words: Int, blockRecords: Int) {
        precondition(words > 0 && blockRecords > 0)
        self.file = file
        self.words = words
        self.blockRecords = blockRecords
    }

    /// Records in the file (the unflushed ones included).
    var count: Int { file.size / (words * 8) }

    /// Word `word` of record `record`.
    func word(_ record: Int, _ word: Int) throws(DedupError) -> UInt64 {
        if record < blockStart || record >= blockStart + blockCount {
            guard record >= 0 && record < count else { throw DedupError("record \(record) of \(count) in a spill table") }
            blockStart = record - record % blockRecords
            blockCount = min(blockRecords, count - blockStart)
            block = try file.read(at: blockStart * words * 8, count: blockCount * words * 8)
        }
        let offset = ((record - blockStart) * words + word) * 8
        return block.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }
}
