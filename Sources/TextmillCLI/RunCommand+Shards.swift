import ArgumentParser

/// `run --output-format`: the option combinations token shards accept.
extension RunCommand {
    func validateShardOutput() throws {
        guard let format = shardOutput.format else { return }
        if outputOptions.outputDir == nil { throw ValidationError("--output-format \(format.rawValue) needs --output-dir DIR") }
        if outputOptions.shardDocs != nil || outputOptions.gzip {
            throw ValidationError("--shard-docs and --gzip are for JSONL shards; token shards are sized by --shard-tokens")
        }
        if unordered { throw ValidationError("--output-format writes documents in input order (not --unordered)") }
        if outputOptions.errors == "-" { throw ValidationError("--errors with --output-format must be a file") }
        if resume && (inputs.isEmpty || inputs.contains("-")) {
            throw ValidationError("--resume cannot continue standard input; name the input files")
        }
    }
}
