/// nanoGPT's `train.bin`/`val.bin`: the tokens as raw little-endian integers, no header, as
/// `np.memmap(path, dtype=np.uint16)` reads them.
final class RawShardWriter: ShardFileWriter {
    private let file: BinaryFileWriter
    private let tokenType: ShardTokenType

    init(path: String, tokenType: ShardTokenType) throws(ShardError) {
        self.tokenType = tokenType
        file = try BinaryFileWriter(path: path)
    }

    var bytesWritten: Int { file.size }

    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError) {
        try file.append(ids: ids, as: tokenType)
    }

    func commit() throws(ShardError) {
        try file.close()
        try file.rename()
    }

    func abandon() { file.abandon() }
}
