/// Where a run's records go (`-o FILE`, `-o -`, or `--output-dir DIR --shard-docs N`).
public enum OutputDestination: Sendable, Equatable {
    /// One file (gzip when it ends in `.gz`), or standard output for "-".
    case file(String)
    /// `DIR/part-00000.jsonl[.gz]`, … with at most `docsPerShard` records each.
    case shards(directory: String, docsPerShard: Int, gzip: Bool)

    /// Where the run's metadata (pipeline fingerprint) goes; nil for standard output and for a
    /// device or FIFO (no sidecar may appear beside `/dev/null`).
    public var metadataPath: String? {
        switch self {
        case .file(let path): OutputTarget(path: path).isRegularFile ? path + ".meta.json" : nil
        case .shards(let directory, _, _): directory + "/meta.json"
        }
    }

    /// A short description for the summary line.
    public var description: String {
        switch self {
        case .file(let path): path
        case .shards(let directory, let n, let gzip): "\(directory)/part-*.jsonl\(gzip ? ".gz" : "") (\(n) per shard)"
        }
    }
}
