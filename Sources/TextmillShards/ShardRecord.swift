import TextmillJSON

/// A completed shard as the manifest lists it.
public struct ShardRecord: Sendable, Equatable {
    /// The position in which it was written (its name's number unless the shard order was shuffled).
    public var produced: Int
    /// Its files, relative to the dataset directory, the token file first.
    public var files: [String]
    public var tokens: Int
    public var documents: Int
    public var sequences: Int
    public var bytes: Int

    public var json: JSONValue {
        .object([
            ("files", .array(files.map { .string($0) })),
            ("tokens", Self.number(tokens)),
            ("documents", Self.number(documents)),
            ("sequences", Self.number(sequences)),
            ("bytes", Self.number(bytes)),
            ("produced", Self.number(produced)),
        ])
    }

    init(produced: Int, files: [String], tokens: Int, documents: Int, sequences: Int, bytes: Int) {
        self.produced = produced
        self.files = files
        self.tokens = tokens
        self.documents = documents
        self.sequences = sequences
        self.bytes = bytes
    }

    init(json: JSONValue, in path: String) throws(ShardError) {
        guard let files = json["files"]?.arrayValue?.compactMap(\.stringValue), !files.isEmpty,
            let tokens = json["tokens"]?.intValue, let documents = json["documents"]?.intValue,
            let sequences = json["sequences"]?.intValue, let bytes = json["bytes"]?.intValue,
            let produced = json["produced"]?.intValue
        else { throw ShardError(path, "a shard entry lacks files, tokens, documents, sequences, bytes or produced") }
        self.init(produced: produced, files: files, tokens: tokens, documents: documents, sequences: sequences, bytes: bytes)
    }

    static func number(_ n: Int) -> JSONValue { .number(Double(n), literal: String(n)) }
}
