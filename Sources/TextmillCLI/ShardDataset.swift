import TextmillConfig
import TextmillPipeline
import TextmillJSON
import TextmillShards

/// A shard dataset on disk as its manifest describes it (what `run --output-format` and
/// `shards merge` write), or a single shard file without one.
struct ShardDataset {
    var directory: String
    var manifest: JSONValue?
    var format: ShardFormat
    var tokenType: ShardTokenType
    /// Per split, its shard files (the token file or Megatron prefix's `.bin`), in name order.
    var splits: [(name: String, shards: [String])]

    /// The manifest's EOS id (`open` refuses a manifest whose `eos` is not one).
    var eos: UInt32? { manifest?["options"]?["eos"]?.intValue.flatMap { UInt32(exactly: $0) } }
    var tokenizer: JSONValue? { manifest?["options"]?["tokenizer"] }
    var fingerprint: String? { tokenizer?["fingerprint"]?.stringValue }

    /// Opens a dataset directory (with `manifest.json`) or one shard file / Megatron prefix.
    static func open(_ path: String, tokenType: ShardTokenType?) throws -> ShardDataset {
        let manifestPath = path + "/" + TokenShardSink.manifestName
        if FileBytes.exists(manifestPath) {
            let manifest = try TokenShardSink.readManifest(manifestPath)
            if let eos = manifest["options"]?["eos"], eos != .null, eos.intValue.flatMap({ UInt32(exactly: $0) }) == nil {
                throw FatalError("\(manifestPath): options.eos \(eos.jsonText) is not a token id (0 to \(UInt32.max))")
            }
            guard let format = manifest["format"]?.stringValue.flatMap(ShardFormat.init(rawValue:)),
                let type = manifest["token_type"]?.stringValue.flatMap(ShardTokenType.init(rawValue:))
            else { throw FatalError("\(manifestPath): no format or token_type") }
            let splits = (manifest["splits"]?.arrayValue ?? []).map { split in
                (name: split["name"]?.stringValue ?? "?",
                 shards: (split["shards"]?.arrayValue ?? []).compactMap { $0["files"]?.arrayValue?.first?.stringValue }
                    .map { path + "/" + $0 })
            }
            return ShardDataset(directory: path, manifest: manifest, format: format, tokenType: type, splits: splits)
        }
        let file = try ShardFile.open(path, tokenType: tokenType)
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var dataset = ShardDataset(
            directory: directory, manifest: nil, format: file.format, tokenType: file.tokenType, splits: [(name: "file", shards: [path])])
        // A shard inside a dataset directory takes its tokenizer and EOS from the manifest there.
        if FileBytes.exists(directory + "/" + TokenShardSink.manifestName) {
            dataset.manifest = try? TokenShardSink.readManifest(directory + "/" + TokenShardSink.manifestName)
        }
        return dataset
    }

    func open(_ shard: String) throws -> ShardFile {
        try ShardFile.open(shard, format: format, tokenType: tokenType)
    }
}
