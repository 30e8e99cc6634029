/// llm.c's `.bin` (dev/data/data_common.py `write_datafile`): 256 little-endian int32 — magic
/// 20240520 and version 1 for uint16 tokens, or 20240801 and version 7 for uint32 —, the
/// token count in header[2], then the tokens.
final class LlmcShardWriter: ShardFileWriter {
    static let headerInts = 256
    static let uint16Magic: Int32 = 20_240_520
    static let uint32Magic: Int32 = 20_240_801

    private let file: BinaryFileWriter
    private let tokenType: ShardTokenType
    private var tokens = 0

    init(path: String, tokenType: ShardTokenType) throws(ShardError) {
        precondition(tokenType != .int32, "llm.c stores uint16 or uint32 tokens")
        self.tokenType = tokenType
        file = try BinaryFileWriter(path: path)
        try file.append(header(tokens: 0))
    }

    var bytesWritten: Int { file.size }

    func header(tokens: Int) -> [UInt8] {
        var ints = [Int32](repeating: 0, count: Self.headerInts)
        ints[0] = tokenType == .uint16 ? Self.uint16Magic : Self.uint32Magic
        ints[1] = tokenType == .uint16 ? 1 : 7
        ints[2] = Int32(truncatingIfNeeded: tokens)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerInts * 4)
        for v in ints { LittleEndian.append(v, to: &bytes) }
        return bytes
    }

    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError) {
        if tokens + ids.count > Int(Int32.max) {
            throw ShardError(file.path, "llm.c's header holds at most 2^31-1 tokens per shard; use a smaller --shard-tokens")
        }
        try file.append(ids: ids, as: tokenType)
        tokens += ids.count
    }

    func commit() throws(ShardError) {
        try file.overwrite(header(tokens: tokens), at: 0)
        try file.close()
        try file.rename()
    }

    func abandon() { file.abandon() }
}
