import ArgumentParser
import TextmillOutput

/// `-o`, `--output-dir`/`--shard-docs`/`--gzip` and `--errors`: where records go.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output file (a .gz name is gzip-compressed); - for standard output (the default).")
    var output: String?

    @Option(help: "Write shards DIR/part-00000.jsonl, part-00001.jsonl, … (each appears complete, by rename) instead of one file.")
    var outputDir: String?

    @Option(help: "Records per shard with --output-dir (default 100000).")
    var shardDocs: Int?

    @Flag(help: "gzip the shards of --output-dir (part-NNNNN.jsonl.gz).")
    var gzip = false

    @Option(help: "Write error records to this file (a .gz name is compressed) instead of the main output.")
    var errors: String?

    @Option(help: "Write the records of documents a filter stage dropped (with reasons and values) to this file instead of the main output.")
    var rejected: String?

    static let defaultShardDocs = 100_000

    func validate() throws {
        if output != nil && outputDir != nil { throw ValidationError("use either -o/--output or --output-dir, not both") }
        if outputDir == nil && shardDocs != nil { throw ValidationError("--shard-docs needs --output-dir") }
        if outputDir == nil && gzip { throw ValidationError("--gzip is for --output-dir shards; -o FILE.gz compresses by its name") }
        if let shardDocs, shardDocs < 1 { throw ValidationError("--shard-docs must be at least 1") }
        if let errors {
            if errors == "-" && (output ?? "-") == "-" && outputDir == nil {
                throw ValidationError("--errors - and the output would both be standard output")
            }
            // Two writers on one regular file would clobber each other; /dev/null can take both.
            if errors == output && OutputTarget(path: errors).isRegularFile {
                throw ValidationError("--errors must be another file than the output")
            }
        }
        if let rejected {
            if rejected == "-" && (output ?? "-") == "-" && outputDir == nil {
                throw ValidationError("--rejected - and the output would both be standard output")
            }
            if (rejected == output || rejected == errors) && OutputTarget(path: rejected).isRegularFile {
                throw ValidationError("--rejected must be another file than the output and --errors")
            }
        }
    }

    /// Where the records go.
    var destination: OutputDestination {
        if let outputDir { return .shards(directory: outputDir, docsPerShard: shardDocs ?? Self.defaultShardDocs, gzip: gzip) }
        return .file(output ?? "-")
    }

    /// A plain file that an interrupted run can continue (`--resume`): not compressed, not
    /// sharded, and with every record in it (error records counted as lines).
    var isResumableFile: Bool {
        outputDir == nil && errors == nil && rejected == nil && !(output ?? "").hasSuffix(".gz") && outputTarget.isRegularFile
    }

    /// What `-o` names: a regular file (renamed into place, sidecars beside it), standard
    /// output, or a device or FIFO written directly.
    var outputTarget: OutputTarget { OutputTarget(path: output ?? "-") }
}
