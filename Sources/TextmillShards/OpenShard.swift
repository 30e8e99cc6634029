#if canImport(Glibc)
import Glibc
#endif

/// The shard a split is filling. Without shuffling, documents go straight into the format's
/// writer. With shuffling they are first appended to a staging file, and `commit` copies them
/// into the shard in a seeded random order, reading each back with `pread`, so memory holds
/// only the document table (a few words per document), never the shard's tokens.
final class OpenShard {
    let produced: Int
    let paths: [String]
    private let context: ShardFileContext
    private var writer: (any ShardFileWriter)?
    private var staging: BinaryFileWriter?
    private var documentStarts: [Int] = []
    private var sequenceEndsFlat: [Int] = []
    private var sequenceEndsStart: [Int] = []
    private(set) var tokens = 0
    private(set) var documents = 0
    private(set) var sequences = 0

    /// Bytes in this shard's files so far.
    var bytesWritten: Int { writer?.bytesWritten ?? staging?.size ?? 0 }

    init(produced: Int, paths: [String], context: ShardFileContext, shuffled: Bool) throws(ShardError) {
        self.produced = produced
        self.paths = paths
        self.context = context
        if shuffled {
            staging = try BinaryFileWriter(path: paths[0] + ".staging")
        } else {
            writer = try context.makeWriter(paths: paths)
        }
    }

    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError) {
        if let staging {
            documentStarts.append(tokens)
            sequenceEndsStart.append(sequenceEndsFlat.count)
            sequenceEndsFlat.append(contentsOf: sequenceEnds)
            try staging.append(ids: ids, as: context.tokenType)
        } else {
            try writer!.append(ids: ids, sequenceEnds: sequenceEnds)
        }
        tokens += ids.count
        documents += 1
        sequences += sequenceEnds.isEmpty ? 1 : sequenceEnds.count
    }

    /// Completes the shard; `order` shuffles its documents (staged shards only).
    func commit(order: inout SeededRandom) throws(ShardError) -> ShardRecord {
        if let staging {
            try staging.close()
            let final = try context.makeWriter(paths: paths)
            do {
                let reader = try FileBytesReader(path: staging.temporaryPath)
                let width = context.tokenType.byteWidth
                for d in order.permutation(documents) {
                    let start = documentStarts[d]
                    let end = d + 1 < documents ? documentStarts[d + 1] : tokens
                    let bytes = try reader.read(at: start * width, count: (end - start) * width)
                    let ids: [UInt32] = bytes.withUnsafeBytes { raw in
                        width == 2
                            ? (0..<(end - start)).map { UInt32(LittleEndian.read(UInt16.self, raw, at: $0 * 2)) }
                            : (0..<(end - start)).map { LittleEndian.read(UInt32.self, raw, at: $0 * 4) }
                    }
                    let endsStart = sequenceEndsStart[d]
                    let endsEnd = d + 1 < documents ? sequenceEndsStart[d + 1] : sequenceEndsFlat.count
                    try final.append(ids: ids[...], sequenceEnds: Array(sequenceEndsFlat[endsStart..<endsEnd]))
                }
                try final.commit()
            } catch {
                final.abandon()
                staging.abandon()
                throw error
            }
            staging.abandon()
            return record(bytes: final.bytesWritten)
        }
        try writer!.commit()
        return record(bytes: writer!.bytesWritten)
    }

    private func record(bytes: Int) -> ShardRecord {
        ShardRecord(
            produced: produced, files: paths.map { String($0[$0.index(after: $0.lastIndex(of: "/")!)...]) },
            tokens: tokens, documents: documents, sequences: sequences, bytes: bytes)
    }

    /// Removes the temporary files of a shard that will not be completed.
    func abandon() {
        writer?.abandon()
        staging?.abandon()
    }
}
