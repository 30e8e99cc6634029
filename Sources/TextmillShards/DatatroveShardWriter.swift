/// datatrove's tokenized file, which nanotron's `DatatroveFolderDataset` reads
/// (datatrove/pipeline/tokens/tokenizer.py `TokenizedFile`): `NAME.ds` holds the tokens
/// (uint16, or uint32 when the vocabulary exceeds 65,536 ids), `NAME.ds.index` the uint64
/// cumulative token end of each document, no header, and `NAME.ds.metadata` the lines
/// `tokenizer|token_size`, the token count, and the count in humanize's metric form.
final class DatatroveShardWriter: ShardFileWriter {
    private let data: BinaryFileWriter
    private let indexPath: String
    private let metadataPath: String
    private let tokenType: ShardTokenType
    private let tokenizerName: String
    private var ends: [UInt64] = []
    private var tokens = 0
    private var extraBytes = 0

    init(dataPath: String, indexPath: String, metadataPath: String, tokenType: ShardTokenType, tokenizerName: String) throws(ShardError) {
        precondition(tokenType != .int32, "datatrove stores uint16 or uint32 tokens")
        self.tokenType = tokenType
        self.indexPath = indexPath
        self.metadataPath = metadataPath
        self.tokenizerName = tokenizerName
        data = try BinaryFileWriter(path: dataPath)
    }

    var bytesWritten: Int { data.size + extraBytes }

    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError) {
        try data.append(ids: ids, as: tokenType)
        tokens += ids.count
        ends.append(UInt64(tokens))
    }

    /// The metadata file's text, as `TokenizedFile.write_final_metadata` writes it.
    static func metadata(tokenizerName: String, tokenSize: Int, tokens: Int) -> String {
        [tokenizerName + "|" + String(tokenSize), String(tokens), HumanizeMetric.format(tokens, unit: "T")]
            .joined(separator: "\n")
    }

    func commit() throws(ShardError) {
        var indexBytes: [UInt8] = []
        indexBytes.reserveCapacity(ends.count * 8)
        for end in ends { LittleEndian.append(end, to: &indexBytes) }
        let metadataBytes = Array(Self.metadata(tokenizerName: tokenizerName, tokenSize: tokenType.byteWidth, tokens: tokens).utf8)
        let index = try BinaryFileWriter(path: indexPath)
        let metadata: BinaryFileWriter
        do { metadata = try BinaryFileWriter(path: metadataPath) } catch { index.abandon(); throw error }
        do {
            try index.append(indexBytes)
            try metadata.append(metadataBytes)
            try data.close()
            try index.close()
            try metadata.close()
            try data.rename()
            try index.rename()
            try metadata.rename()
        } catch {
            index.abandon()
            metadata.abandon()
            throw error
        }
        extraBytes = indexBytes.count + metadataBytes.count
    }

    func abandon() { data.abandon() }
}
