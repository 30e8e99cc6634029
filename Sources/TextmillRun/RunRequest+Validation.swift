import TextmillOutput

extension RunRequest {
    /// Every check that needs no input read and no pipeline loaded, in the order the command
    /// line reports them (output options, shard options, pipeline, input options, the run).
    public func validate() throws(RunFailure) {
        try validateOutput()
        try shards.validate()
        try pipeline.validate()
        do {
            try inputOptions(keepFields: []).validate()
        } catch {
            throw RunFailure("\(error)")
        }
        if let workers, workers < 1 { throw RunFailure("--workers must be at least 1") }
        if chunkDocs < 1 { throw RunFailure("--chunk-docs must be at least 1") }
        if chunkBytes < 1 { throw RunFailure("--chunk-bytes must be at least 1") }
        if !(chunkTimeout > 0) { throw RunFailure("--chunk-timeout must be a positive number of seconds") }
        try validateDatabase()
        let database = try databaseDestination() != nil
        if shards.format != nil {
            if database { throw RunFailure("--output-format writes token shards; it cannot be combined with a database sink") }
            try validateShardOutput()
        } else if resume && !database && (outputName == "-" || unordered) {
            throw RunFailure("--resume needs an output file written in order (not standard output, not --unordered)")
        }
        if resume && shards.format == nil && !database && outputTarget == .special {
            throw RunFailure("--resume needs a regular output file; \(outputName) is a device, FIFO or other special file, written directly")
        }
        if resume && shards.format == nil && !database && !isResumableFile {
            throw RunFailure("--resume needs a plain -o FILE (not .gz, --output-dir or --errors)")
        }
        if resume && (inputs.isEmpty || inputs.contains("-")) {
            throw RunFailure("--resume cannot continue standard input; name the input files")
        }
    }

    /// `-o`, `--output-dir`, `--shard-docs`, `--gzip`, `--errors`, `--rejected`.
    func validateOutput() throws(RunFailure) {
        if output != nil && outputDir != nil { throw RunFailure("use either -o/--output or --output-dir, not both") }
        if outputDir == nil && shardDocs != nil { throw RunFailure("--shard-docs needs --output-dir") }
        if outputDir == nil && gzip { throw RunFailure("--gzip is for --output-dir shards; -o FILE.gz compresses by its name") }
        if let shardDocs, shardDocs < 1 { throw RunFailure("--shard-docs must be at least 1") }
        if let errors {
            if errors == "-" && (output ?? "-") == "-" && outputDir == nil {
                throw RunFailure("--errors - and the output would both be standard output")
            }
            // Two writers on one regular file would clobber each other; /dev/null can take both.
            if errors == output && OutputTarget(path: errors).isRegularFile {
                throw RunFailure("--errors must be another file than the output")
            }
        }
        if let rejected {
            if rejected == "-" && (output ?? "-") == "-" && outputDir == nil {
                throw RunFailure("--rejected - and the output would both be standard output")
            }
            if (rejected == output || rejected == errors) && OutputTarget(path: rejected).isRegularFile {
                throw RunFailure("--rejected must be another file than the output and --errors")
            }
        }
    }

    /// Options that cannot go with database output.
    func validateDatabase() throws(RunFailure) {
        let database = try databaseDestination()
        if sink != nil && (output != nil || outputDir != nil) {
            throw RunFailure("use either --sink or -o/--output-dir, not both")
        }
        guard database != nil else {
            if dbTable != nil || dbColumns != nil { throw RunFailure("--db-table and --db-columns need database output (--sink, or -o PATH.sqlite)") }
            return
        }
        if errors != nil { throw RunFailure("database output keeps error records in the table (error_code, error_message); drop --errors") }
        if unordered { throw RunFailure("database output numbers documents by input position; drop --unordered") }
        if !(dbBusyTimeout >= 0) { throw RunFailure("--db-busy-timeout must be a number of seconds") }
        if !(dbCommitInterval >= 0 && dbCommitInterval <= 3600) { throw RunFailure("--db-commit-interval must be a number of seconds from 0 to 3600") }
        _ = try databaseTable(database)
    }

    /// The option combinations token shards accept.
    func validateShardOutput() throws(RunFailure) {
        guard let format = shards.format else { return }
        if outputDir == nil { throw RunFailure("--output-format \(format.rawValue) needs --output-dir DIR") }
        if shardDocs != nil || gzip {
            throw RunFailure("--shard-docs and --gzip are for JSONL shards; token shards are sized by --shard-tokens")
        }
        if unordered { throw RunFailure("--output-format writes documents in input order (not --unordered)") }
        if errors == "-" || rejected == "-" {
            throw RunFailure("--errors and --rejected with --output-format must be files")
        }
        if resume && (inputs.isEmpty || inputs.contains("-")) {
            throw RunFailure("--resume cannot continue standard input; name the input files")
        }
    }
}
