import TextmillShards

/// The four token-shard layouts written from their trainers' descriptions (llm.c's
/// `write_datafile`, nanoGPT's `np.memmap`, Megatron's `MMIDIDX` index, datatrove's
/// `TokenizedFile`), independently of TextmillShards' writers, so the `shards` target can hand
/// the readers files whose contents it knows.
enum ReferenceShardWriter {
    /// One document: its sequences (Megatron keeps them apart; the other layouts concatenate).
    typealias Document = [[UInt32]]

    static func tokens(_ ids: [UInt32], _ type: ShardTokenType) -> [UInt8] {
        var bytes: [UInt8] = []
        for id in ids {
            bytes += littleEndian(UInt64(id), width: type.byteWidth)
        }
        return bytes
    }

    static func littleEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// llm.c: 256 int32 (magic, version, count, zeros), then the tokens.
    static func llmc(_ ids: [UInt32], _ type: ShardTokenType) -> [UInt8] {
        let (magic, version): (UInt64, UInt64) = type == .uint16 ? (20_240_520, 1) : (20_240_801, 7)
        var header = littleEndian(magic, width: 4) + littleEndian(version, width: 4) + littleEndian(UInt64(ids.count), width: 4)
        header += [UInt8](repeating: 0, count: 1024 - header.count)
        return header + tokens(ids, type)
    }

    /// Megatron: the `.bin` (all sequences back to back) and the `.idx`.
    static func megatron(_ documents: [Document], _ type: ShardTokenType) -> (bin: [UInt8], idx: [UInt8]) {
        let sequences = documents.flatMap { $0 }
        var idx = Array("MMIDIDX".utf8) + [0, 0] + littleEndian(1, width: 8)
        idx.append(type == .uint16 ? 8 : 4)
        idx += littleEndian(UInt64(sequences.count), width: 8) + littleEndian(UInt64(documents.count + 1), width: 8)
        for sequence in sequences { idx += littleEndian(UInt64(sequence.count), width: 4) }
        var pointer = 0
        for sequence in sequences {
            idx += littleEndian(UInt64(pointer), width: 8)
            pointer += sequence.count * type.byteWidth
        }
        var index = 0
        idx += littleEndian(0, width: 8)
        for document in documents {
            index += document.count
            idx += littleEndian(UInt64(index), width: 8)
        }
        return (tokens(sequences.flatMap { $0 }, type), idx)
    }

    /// datatrove: `.ds` tokens, `.ds.index` uint64 cumulative document ends, `.ds.metadata`.
    static func datatrove(_ documents: [Document], _ type: ShardTokenType, tokenizer: String) -> (ds: [UInt8], index: [UInt8], metadata: [UInt8]) {
        var index: [UInt8] = []
        var end = 0
        for document in documents {
            end += document.reduce(0) { $0 + $1.count }
            index += littleEndian(UInt64(end), width: 8)
        }
        let metadata = Array("\(tokenizer)|\(type.byteWidth)\n\(end)\n\(end)T".utf8)
        return (tokens(documents.flatMap { $0.flatMap { $0 } }, type), index, metadata)
    }

    /// Little-endian token ids of `type` read from `bytes` (a reader's answer to compare with).
    static func decode(_ bytes: ArraySlice<UInt8>, _ type: ShardTokenType) -> [UInt32] {
        let width = type.byteWidth
        var ids: [UInt32] = []
        var i = bytes.startIndex
        while i + width <= bytes.endIndex {
            var value: UInt32 = 0
            for k in 0..<width { value |= UInt32(bytes[i + k]) << (8 * UInt32(k)) }
            ids.append(value)
            i += width
        }
        return ids
    }
}
