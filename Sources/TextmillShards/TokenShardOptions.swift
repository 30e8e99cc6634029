import TextmillJSON

/// Everything that shapes a shard dataset's bytes; `--resume` refuses to continue a dataset
/// whose options (or tokenizer, or input) differ.
public struct TokenShardOptions: Sendable {
    public var format: ShardFormat
    /// Ids run from 0 to `vocabularySize - 1`; it picks the token type.
    public var vocabularySize: Int
    /// Appended to every document (to its last sequence); nil with `--no-eos`.
    public var eos: UInt32?
    /// Put before every document (its first sequence).
    public var bos: UInt32?
    /// A shard is closed once it holds at least this many tokens (documents are never split);
    /// nil writes one shard per split.
    public var shardTokens: Int?
    public var validation: ValidationSplit = .none
    /// Shuffles documents within each shard and the order of the shards.
    public var shuffleSeed: UInt64?
    /// For datatrove's `.ds.metadata` (`tokenizer|token_size`).
    public var tokenizerName: String
    /// Describes the tokenizer (its fingerprint, vocabulary); kept in the manifest and compared on resume.
    public var tokenizer: JSONValue
    /// Identifies the input (paths, sizes, times) and the options that shape the ids; compared on resume.
    public var input: JSONValue
    /// Where error records go (JSONL, written as `PATH.partial` until the run completes).
    public var errorsPath: String

    public init(
        format: ShardFormat, vocabularySize: Int, eos: UInt32?, bos: UInt32? = nil, shardTokens: Int? = nil,
        validation: ValidationSplit = .none, shuffleSeed: UInt64? = nil, tokenizerName: String,
        tokenizer: JSONValue = .null, input: JSONValue = .null, errorsPath: String
    ) {
        self.format = format
        self.vocabularySize = vocabularySize
        self.eos = eos
        self.bos = bos
        self.shardTokens = shardTokens
        self.validation = validation
        self.shuffleSeed = shuffleSeed
        self.tokenizerName = tokenizerName
        self.tokenizer = tokenizer
        self.input = input
        self.errorsPath = errorsPath
    }

    public var tokenType: ShardTokenType { format.tokenType(vocabularySize: vocabularySize) }

    /// The part of the manifest that must match for `--resume`.
    var identity: JSONValue {
        func number(_ n: Int) -> JSONValue { .number(Double(n), literal: String(n)) }
        func optional(_ n: UInt32?) -> JSONValue { n.map { number(Int($0)) } ?? .null }
        return .object([
            ("format", .string(format.rawValue)),
            ("token_type", .string(tokenType.rawValue)),
            ("vocabulary_size", number(vocabularySize)),
            ("eos", optional(eos)),
            ("bos", optional(bos)),
            ("shard_tokens", shardTokens.map(number) ?? .null),
            ("validation", .string(validation.description)),
            ("shuffle_seed", shuffleSeed.map { .string(String($0)) } ?? .null),
            ("tokenizer_name", .string(tokenizerName)),
            ("tokenizer", tokenizer),
            ("input", input),
        ])
    }

    /// Checks that every id the options add fits the vocabulary.
    func validate() throws(ShardError) {
        guard vocabularySize >= 1 else { throw ShardError("", "the vocabulary size must be at least 1") }
        if let shardTokens, shardTokens < 1 { throw ShardError("", "--shard-tokens must be at least 1") }
        for (name, id) in [("EOS", eos), ("BOS", bos)] {
            if let id, Int(id) >= vocabularySize {
                throw ShardError("", "the \(name) id \(id) is outside the vocabulary (\(vocabularySize) ids)")
            }
        }
        if case .fraction(let f, _) = validation, !(f >= 0 && f <= 1) {
            throw ShardError("", "--val-fraction must be between 0 and 1")
        }
    }
}
