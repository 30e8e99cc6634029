import ArgumentParser

/// `textmill shards`: look into and combine the binary token datasets `run --output-format` writes.
struct ShardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards",
        abstract: "Inspect and merge binary token shard datasets (llmc, nanogpt, megatron, datatrove).",
        subcommands: [ShardsInspectCommand.self, ShardsMergeCommand.self]
    )
}
