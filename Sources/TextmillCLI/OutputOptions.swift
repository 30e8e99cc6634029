import ArgumentParser
import TextmillRun

/// `-o`, `--output-dir`/`--shard-docs`/`--gzip` and `--errors`: where records go. Checked with
/// the rest of the run by `RunRequest.validate()`.
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

    /// Copies these options into `request`.
    func fill(_ request: inout RunRequest) {
        request.output = output
        request.outputDir = outputDir
        request.shardDocs = shardDocs
        request.gzip = gzip
        request.errors = errors
        request.rejected = rejected
    }
}
