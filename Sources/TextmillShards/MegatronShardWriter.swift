/// Megatron-LM's IndexedDataset pair (megatron/core/datasets/indexed_dataset.py):
/// `PREFIX.bin` holds every sequence's tokens back to back; `PREFIX.idx` holds
/// `MMIDIDX\0\0`, u64 version 1, u8 dtype code, u64 sequence count, u64 document-index count
/// (documents + 1), then int32 sequence lengths, int64 byte offsets of the sequences, and
/// int64 document indices (0, then the end sequence index of each document).
///
/// The index is kept in memory until `commit`: 12 bytes per sequence plus 8 per document,
/// bounded by the shard size.
final class MegatronShardWriter: ShardFileWriter {
    static let magic: [UInt8] = Array("MMIDIDX".utf8) + [0, 0]

    private let bin: BinaryFileWriter
    private let idxPath: String
    private let tokenType: ShardTokenType
    private var sequenceLengths: [Int32] = []
    private var documentIndices: [Int64] = [0]
    private var idxBytes = 0

    init(binPath: String, idxPath: String, tokenType: ShardTokenType) throws(ShardError) {
        precondition(tokenType != .uint32, "Megatron stores uint16 or int32 tokens")
        self.tokenType = tokenType
        self.idxPath = idxPath
        bin = try BinaryFileWriter(path: binPath)
    }

    var bytesWritten: Int { bin.size + idxBytes }

    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError) {
        try bin.append(ids: ids, as: tokenType)
        if sequenceEnds.isEmpty {
            sequenceLengths.append(Int32(ids.count))
        } else {
            var start = 0
            for end in sequenceEnds {
                sequenceLengths.append(Int32(end - start))
                start = end
            }
        }
        documentIndices.append(Int64(sequenceLengths.count))
    }

    func commit() throws(ShardError) {
        var idx: [UInt8] = Self.magic
        idx.reserveCapacity(34 + sequenceLengths.count * 12 + documentIndices.count * 8)
        LittleEndian.append(UInt64(1), to: &idx)
        idx.append(tokenType.megatronCode)
        LittleEndian.append(UInt64(sequenceLengths.count), to: &idx)
        LittleEndian.append(UInt64(documentIndices.count), to: &idx)
        for length in sequenceLengths { LittleEndian.append(length, to: &idx) }
        var pointer: Int64 = 0
        for length in sequenceLengths {
            LittleEndian.append(pointer, to: &idx)
            pointer += Int64(length) * Int64(tokenType.byteWidth)
        }
        for index in documentIndices { LittleEndian.append(index, to: &idx) }
        let index = try BinaryFileWriter(path: idxPath)
        do {
            try index.append(idx)
            try bin.close()
            try index.close()
            try bin.rename()
            try index.rename()
        } catch {
            index.abandon()
            throw error
        }
        idxBytes = idx.count
    }

    func abandon() { bin.abandon() }
}
