/// What a shard run wrote, for the summary line and `--stats`.
public struct TokenShardSummary: Sendable, Equatable {
    public var shards: Int
    public var tokens: Int
    public var trainDocuments: Int
    public var validationDocuments: Int
    public var errors: Int
    public var bytes: Int
}
