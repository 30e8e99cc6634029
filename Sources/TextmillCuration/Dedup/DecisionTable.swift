/// Dedup's verdict on every document, on disk in document order: three words each (the
/// document it was matched with, plus one, zero when kept, the top bit set for an exact
/// duplicate; the kept document of its cluster; the bits of the Jaccard similarity).
///
/// Appended in document order, so each removed document's cluster is resolved when it is
/// appended: a document is matched with an earlier one, whose kept document is already in the
/// table (itself when it is kept). That is the union-find of the clusters without an array per
/// document: each removed document has exactly one match, earlier than itself, so every
/// cluster is a tree whose first document is the only one without a match.
final class DecisionTable {
    private static let words = 3
    private static let exactBit: UInt64 = 1 << 63
    private let file: SpillFile
    private let reader: FixedRecordReader
    private(set) var count = 0

    init(directory: String) throws(DedupError) {
        file = try SpillFile(directory: directory)
        reader = FixedRecordReader(file: file, words: Self.words, blockRecords: 4096)
    }

    /// Appends document `count`'s verdict: kept (`matched` nil) or a duplicate of the earlier
    /// document `matched`.
    func append(matched: Int?, similarity: Double, exact: Bool) throws(DedupError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.words * 8)
        if let matched {
            guard matched >= 0 && matched < count else { throw DedupError("document \(count) matched with \(matched), not an earlier one") }
            let kept = try file.read(at: (matched * Self.words + 1) * 8, count: 8).withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))
            }
            DedupSignature.put((UInt64(matched) + 1) | (exact ? Self.exactBit : 0), &bytes)
            DedupSignature.put(kept, &bytes)
            DedupSignature.put(similarity.bitPattern, &bytes)
        } else {
            DedupSignature.put(0, &bytes)
            DedupSignature.put(UInt64(count), &bytes)
            DedupSignature.put(0, &bytes)
        }
        try file.append(bytes)
        count += 1
    }

    func flush() throws(DedupError) { try file.flush() }

    /// Document `doc`'s removal, or nil when it is kept.
    func duplicate(of doc: Int) throws(DedupError) -> DuplicateFinder.Duplicate? {
        let match = try reader.word(doc, 0)
        guard match != 0 else { return nil }
        return DuplicateFinder.Duplicate(
            document: doc, kept: Int(try reader.word(doc, 1)), matched: Int((match & ~Self.exactBit) - 1),
            jaccard: Double(bitPattern: try reader.word(doc, 2)), kind: match & Self.exactBit != 0 ? .exact : .near)
    }
}
