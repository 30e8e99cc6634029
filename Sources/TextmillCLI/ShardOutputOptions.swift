import ArgumentParser
import TextmillRun

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

    /// Copies these options into `request`.
    func fill(_ request: inout RunRequest) {
        request.shards.outputFormat = outputFormat
        request.shards.shardTokens = shardTokens?.value
        request.shards.eosToken = eosToken
        request.shards.noEos = noEos
        request.shards.bos = bos
        request.shards.splitSentences = splitSentences
        request.shards.valFraction = valFraction
        request.shards.valDocs = valDocs
        request.shards.valSeed = valSeed
        request.shards.shuffleSeed = shuffleSeed
    }
}
