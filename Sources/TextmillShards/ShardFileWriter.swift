/// Writes one shard in one trainer's layout: documents are appended in order, and `commit`
/// completes the index, closes every file and renames them into place (the token file first,
/// so a reader that finds the index also finds complete tokens).
protocol ShardFileWriter: AnyObject {
    /// Appends one document, already carrying its BOS/EOS; `sequenceEnds` as in `ShardDocument`.
    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError)
    func commit() throws(ShardError)
    func abandon()
    var bytesWritten: Int { get }
}

/// The metadata a shard writer needs besides the tokens.
struct ShardFileContext {
    var format: ShardFormat
    var tokenType: ShardTokenType
    /// The tokenizer's name for datatrove's `.ds.metadata` first line.
    var tokenizerName: String
}

extension ShardFileContext {
    /// A writer for the shard whose files are `paths` (as `ShardFormat.fileNames` lists them).
    func makeWriter(paths: [String]) throws(ShardError) -> any ShardFileWriter {
        switch format {
        case .llmc: try LlmcShardWriter(path: paths[0], tokenType: tokenType)
        case .nanogpt: try RawShardWriter(path: paths[0], tokenType: tokenType)
        case .megatron: try MegatronShardWriter(binPath: paths[0], idxPath: paths[1], tokenType: tokenType)
        case .datatrove:
            try DatatroveShardWriter(
                dataPath: paths[0], indexPath: paths[1], metadataPath: paths[2], tokenType: tokenType,
                tokenizerName: tokenizerName)
        }
    }
}

/// Little-endian encoding of the integers in headers and indexes.
enum LittleEndian {
    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    static func read<T: FixedWidthInteger>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<T>.size])) }
        return T(littleEndian: v)
    }
}
