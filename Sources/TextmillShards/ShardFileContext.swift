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
