import TextmillJSON

/// One split of a dataset (`train` or `val`): its completed shards, the shard it is filling,
/// and how far into the input it is complete.
final class SplitState {
    let name: String
    /// Seeds this split's shuffles apart from the other split's.
    let stream: UInt64
    var shards: [ShardRecord] = []
    var open: OpenShard?
    /// Every document of this split at an input position below this is in `shards`.
    var committedThrough = 0

    init(name: String, stream: UInt64) {
        self.name = name
        self.stream = stream
    }

    var tokens: Int { shards.reduce(0) { $0 + $1.tokens } + (open?.tokens ?? 0) }
    var documents: Int { shards.reduce(0) { $0 + $1.documents } + (open?.documents ?? 0) }

    var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("committed_through", ShardRecord.number(committedThrough)),
            ("tokens", ShardRecord.number(shards.reduce(0) { $0 + $1.tokens })),
            ("documents", ShardRecord.number(shards.reduce(0) { $0 + $1.documents })),
            ("shards", .array(shards.map(\.json))),
        ])
    }

    func restore(from json: JSONValue, in path: String) throws(ShardError) {
        guard let committed = json["committed_through"]?.intValue, let list = json["shards"]?.arrayValue else {
            throw ShardError(path, "split \(name) lacks committed_through or shards")
        }
        committedThrough = committed
        shards = []
        for entry in list { shards.append(try ShardRecord(json: entry, in: path)) }
    }
}
