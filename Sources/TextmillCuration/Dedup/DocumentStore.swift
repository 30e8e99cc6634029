/// Each document's id (JSON text) and n-gram set, on disk: a data file of the ids and sets one
/// after the other, and an index of two words per document (where its data starts; the id's
/// length and the set's size), so nothing in memory grows with the number of documents.
///
/// `Sendable` as its files are: one thread appends; after `flush`, any number of threads read,
/// each through its own `DocumentStore.Reader`.
struct DocumentStore: Sendable {
    let data: SpillFile
    let index: SpillFile

    init(directory: String) throws(DedupError) {
        data = try SpillFile(directory: directory)
        index = try SpillFile(directory: directory)
    }

    var count: Int { index.size / 16 }

    /// Appends the next document.
    func append(id: [UInt8], shingles: [UInt64]) throws(DedupError) {
        guard id.count < 1 << 31, shingles.count < 1 << 31 else { throw DedupError("a document id or n-gram set too large to spill") }
        var entry: [UInt8] = []
        entry.reserveCapacity(16)
        DedupSignature.put(UInt64(data.size), &entry)
        DedupSignature.put(UInt64(id.count) << 32 | UInt64(shingles.count), &entry)
        var bytes = id
        bytes.reserveCapacity(id.count + shingles.count * 8)
        for s in shingles { DedupSignature.put(s, &bytes) }
        try data.append(bytes)
        try index.append(entry)
    }

    func flush() throws(DedupError) {
        try data.flush()
        try index.flush()
    }

    /// One thread's access to the store, with its own block of the index cached.
    final class Reader {
        private let store: DocumentStore
        private let index: FixedRecordReader

        /// `blockRecords`: index entries read at once (large for scans in order, small for lookups).
        init(_ store: DocumentStore, blockRecords: Int = 256) {
            self.store = store
            index = FixedRecordReader(file: store.index, words: 2, blockRecords: blockRecords)
        }

        private func entry(_ doc: Int) throws(DedupError) -> (offset: Int, idCount: Int, shingleCount: Int) {
            let sizes = try index.word(doc, 1)
            return (Int(try index.word(doc, 0)), Int(sizes >> 32), Int(sizes & 0xFFFF_FFFF))
        }

        /// Document `doc`'s id as it was added.
        func id(_ doc: Int) throws(DedupError) -> [UInt8] {
            let e = try entry(doc)
            return try store.data.read(at: e.offset, count: e.idCount)
        }

        /// Document `doc`'s sorted n-gram hashes.
        func shingles(_ doc: Int) throws(DedupError) -> [UInt64] {
            let e = try entry(doc)
            let bytes = try store.data.read(at: e.offset + e.idCount, count: e.shingleCount * 8)
            return bytes.withUnsafeBytes { raw in
                (0..<e.shingleCount).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
            }
        }
    }
}
