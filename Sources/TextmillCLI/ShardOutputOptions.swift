import ArgumentParser
import TextmillShards

/// `--output-format llmc|nanogpt|megatron|datatrove` and its options: binary token shards for
/// trainers instead of JSONL (see docs/shards.md).
struct ShardOutputOptions: ParsableArguments {
    @Option(help: "Write binary token shards for a trainer into --output-dir: llmc, nanogpt, megatron or datatrove (the pipeline must write ids).")
    var outputFormat: String?

    @Option(help: "Close a shard once it holds this many tokens (suffixes K, M, G; documents are never split). Default: one shard per split.")
    var shardTokens: TokenCount?

    @Option(help: "The end-of-text token (a token or an id) after each document (default: the tokenizer's; WordPiece: [SEP]).")
    var eosToken: String?

    @Flag(help: "No end-of-text token after documents.")
    var noEos = false

    @Flag(help: "Put the tokenizer's beginning-of-text token (WordPiece: [CLS]) before each document.")
    var bos = false

    @Flag(help: "One sequence per sentence (Megatron's --split-sentences), from the pipeline's sentences field.")
    var splitSentences = false

    @Option(help: "Send this fraction of the documents (chosen by a seeded hash of their position) to the val split.")
    var valFraction: Double?

    @Option(help: "Send the first N documents to the val split.")
    var valDocs: Int?

    @Option(help: "The seed of --val-fraction's choice.")
    var valSeed: UInt64 = 0

    @Option(help: "Shuffle the documents within each shard and the order of the shards with this seed.")
    var shuffleSeed: UInt64?

    var format: ShardFormat? { outputFormat.flatMap(ShardFormat.init(rawValue:)) }

    var validation: ValidationSplit {
        if let valFraction { return .fraction(valFraction, seed: valSeed) }
        if let valDocs { return .firstDocuments(valDocs) }
        return .none
    }

    func validate() throws {
        if let outputFormat, ShardFormat(rawValue: outputFormat) == nil {
            throw ValidationError("--output-format \(outputFormat): not one of \(ShardFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let shardOnly = shardTokens != nil || eosToken != nil || noEos || bos || splitSentences || valFraction != nil
            || valDocs != nil || shuffleSeed != nil
        if outputFormat == nil && shardOnly {
            throw ValidationError("--shard-tokens, --eos-token, --no-eos, --bos, --split-sentences, --val-*, --shuffle-seed need --output-format")
        }
        if noEos && eosToken != nil { throw ValidationError("use either --eos-token or --no-eos") }
        if valFraction != nil && valDocs != nil { throw ValidationError("use either --val-fraction or --val-docs") }
        if let valFraction, !(valFraction >= 0 && valFraction <= 1) { throw ValidationError("--val-fraction must be between 0 and 1") }
        if let valDocs, valDocs < 0 { throw ValidationError("--val-docs must not be negative") }
        if splitSentences && format != .megatron {
            throw ValidationError("--split-sentences is for --output-format megatron (the only format with sequences inside documents)")
        }
    }
}
