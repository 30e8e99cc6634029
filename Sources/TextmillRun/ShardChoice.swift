import TextmillShards

/// `--output-format llmc|nanogpt|megatron|datatrove` and its options: binary token shards for
/// trainers instead of JSONL (see docs/shards.md).
public struct ShardChoice: Sendable, Equatable {
    public var outputFormat: String?
    /// Tokens per shard (nil: one shard per split).
    public var shardTokens: Int?
    public var eosToken: String?
    public var noEos = false
    public var bos = false
    public var splitSentences = false
    public var valFraction: Double?
    public var valDocs: Int?
    public var valSeed: UInt64 = 0
    public var shuffleSeed: UInt64?

    public init() {}

    public var format: ShardFormat? { outputFormat.flatMap(ShardFormat.init(rawValue:)) }

    public var validation: ValidationSplit {
        if let valFraction { return .fraction(valFraction, seed: valSeed) }
        if let valDocs { return .firstDocuments(valDocs) }
        return .none
    }

    public func validate() throws(RunFailure) {
        if let outputFormat, ShardFormat(rawValue: outputFormat) == nil {
            throw RunFailure("--output-format \(outputFormat): not one of \(ShardFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let shardOnly = shardTokens != nil || eosToken != nil || noEos || bos || splitSentences || valFraction != nil
            || valDocs != nil || shuffleSeed != nil
        if outputFormat == nil && shardOnly {
            throw RunFailure("--shard-tokens, --eos-token, --no-eos, --bos, --split-sentences, --val-*, --shuffle-seed need --output-format")
        }
        if noEos && eosToken != nil { throw RunFailure("use either --eos-token or --no-eos") }
        if valFraction != nil && valDocs != nil { throw RunFailure("use either --val-fraction or --val-docs") }
        if let valFraction, !(valFraction >= 0 && valFraction <= 1) { throw RunFailure("--val-fraction must be between 0 and 1") }
        if let valDocs, valDocs < 0 { throw RunFailure("--val-docs must not be negative") }
        if splitSentences && format != .megatron {
            throw RunFailure("--split-sentences is for --output-format megatron (the only format with sequences inside documents)")
        }
    }
}
