import TextmillInput
import TextmillJSON
import TextmillPipeline
import TextmillRun

/// `job.submit`'s params: `run`'s long options as JSON keys with underscores (`"chunk_docs": 64`,
/// `"preset": "icu-words"`), `inputs` for the positional paths, and `priority`.
///
/// Options that only make sense for a terminal or a pipe (`--progress`, `--quiet`, `--stats`,
/// `--flush-lines`, standard input or output) are refused by name.
public struct JobParams: Sendable {
    public var request: RunRequest
    /// Higher runs first; equal priorities run in submission order.
    public var priority: Int

    /// Reads `params`; an unknown key or a value of the wrong type is an error naming it.
    public init(_ params: JSONValue?) throws(RunFailure) {
        guard let members = params?.objectValue else { throw RunFailure("job.submit needs params: an object with inputs and output") }
        var request = RunRequest()
        var priority = 0
        for (key, value) in members {
            let setter = Self.setters[key]
            guard let setter else {
                if Self.refused.contains(key) { throw RunFailure("\(key): not available for jobs (it is for a terminal or a pipe)") }
                throw RunFailure("unknown option \(key) (the keys are run's long options with _ for -, plus inputs and priority)")
            }
            if key == "priority" {
                guard let number = value.intValue else { throw RunFailure("priority must be an integer") }
                priority = number
                continue
            }
            try setter(&request, JobParamValue(key: key, value: value))
        }
        if request.inputs.isEmpty || request.inputs.contains("-") {
            throw RunFailure("a job needs inputs (files, directories or globs on the server); standard input is not available")
        }
        if request.outputName == "-" || request.errors == "-" || request.rejected == "-" {
            throw RunFailure("a job needs an output (output, output_dir or sink); standard output is not available")
        }
        self.request = request
        self.priority = priority
    }

    static let refused: Set<String> = ["progress", "quiet", "stats", "flush_lines"]

    typealias Setter = @Sendable (inout RunRequest, JobParamValue) throws(RunFailure) -> Void

    static let setters: [String: Setter] = [
        "priority": { _, _ in },
        "inputs": { r, v throws(RunFailure) in r.inputs = try v.strings() },
        "output": { r, v throws(RunFailure) in r.output = try v.string() },
        "output_dir": { r, v throws(RunFailure) in r.outputDir = try v.string() },
        "shard_docs": { r, v throws(RunFailure) in r.shardDocs = try v.int() },
        "gzip": { r, v throws(RunFailure) in r.gzip = try v.bool() },
        "errors": { r, v throws(RunFailure) in r.errors = try v.string() },
        "rejected": { r, v throws(RunFailure) in r.rejected = try v.string() },
        "sink": { r, v throws(RunFailure) in r.sink = try v.string() },
        "db_table": { r, v throws(RunFailure) in r.dbTable = try v.string() },
        "db_columns": { r, v throws(RunFailure) in r.dbColumns = try v.string() },
        "db_busy_timeout": { r, v throws(RunFailure) in r.dbBusyTimeout = try v.double() },
        "db_commit_interval": { r, v throws(RunFailure) in r.dbCommitInterval = try v.double() },
        "output_format": { r, v throws(RunFailure) in r.shards.outputFormat = try v.string() },
        "shard_tokens": { r, v throws(RunFailure) in r.shards.shardTokens = try v.int() },
        "eos_token": { r, v throws(RunFailure) in r.shards.eosToken = try v.string() },
        "no_eos": { r, v throws(RunFailure) in r.shards.noEos = try v.bool() },
        "bos": { r, v throws(RunFailure) in r.shards.bos = try v.bool() },
        "split_sentences": { r, v throws(RunFailure) in r.shards.splitSentences = try v.bool() },
        "val_fraction": { r, v throws(RunFailure) in r.shards.valFraction = try v.double() },
        "val_docs": { r, v throws(RunFailure) in r.shards.valDocs = try v.int() },
        "val_seed": { r, v throws(RunFailure) in r.shards.valSeed = UInt64(max(0, try v.int())) },
        "shuffle_seed": { r, v throws(RunFailure) in r.shards.shuffleSeed = UInt64(max(0, try v.int())) },
        "preset": { r, v throws(RunFailure) in r.pipeline.preset = try v.string() },
        "config": { r, v throws(RunFailure) in r.pipeline.config = try v.string() },
        "offsets": { r, v throws(RunFailure) in
            let text = try v.string()
            guard let unit = OriginalText.OffsetUnit(rawValue: text) else { throw RunFailure("offsets must be codepoints or utf8, not \(text)") }
            r.pipeline.offsets = unit
        },
        "models": { r, v throws(RunFailure) in r.pipeline.models = try v.string() },
        "vocab": { r, v throws(RunFailure) in r.pipeline.vocab = try v.string() },
        "max_length": { r, v throws(RunFailure) in r.pipeline.maxLength = try v.int() },
        "tokenizer": { r, v throws(RunFailure) in r.pipeline.tokenizer = try v.string() },
        "tiktoken_pattern": { r, v throws(RunFailure) in r.pipeline.tiktokenPattern = try v.string() },
        "no_special_tokens": { r, v throws(RunFailure) in r.pipeline.noSpecialTokens = try v.bool() },
        "allowed_special": { r, v throws(RunFailure) in r.pipeline.allowedSpecial = try v.string() },
        "fields": { r, v throws(RunFailure) in r.pipeline.fields = try v.string() },
        "text_field": { r, v throws(RunFailure) in r.textField = try v.string() },
        "id_field": { r, v throws(RunFailure) in r.idField = try v.string() },
        "keep_fields": { r, v throws(RunFailure) in r.keepFields = try v.string() },
        "format": { r, v throws(RunFailure) in
            let text = try v.string()
            guard let format = InputFormat(rawValue: text) else { throw RunFailure("format \(text): not an input format") }
            r.format = format
        },
        "split": { r, v throws(RunFailure) in
            let text = try v.string()
            guard let split = TextSplit(rawValue: text) else { throw RunFailure("split \(text): not lines, paragraphs or file") }
            r.split = split
        },
        "text_column": { r, v throws(RunFailure) in r.textColumn = try v.string() },
        "id_column": { r, v throws(RunFailure) in r.idColumn = try v.string() },
        "xpath": { r, v throws(RunFailure) in r.xpath = try v.string() },
        "id_xpath": { r, v throws(RunFailure) in r.idXPath = try v.string() },
        "max_doc_bytes": { r, v throws(RunFailure) in r.maxDocBytes = try v.int() },
        "workers": { r, v throws(RunFailure) in r.workers = try v.int() },
        "isolate": { r, v throws(RunFailure) in r.isolate = try v.bool() },
        "chunk_docs": { r, v throws(RunFailure) in r.chunkDocs = try v.int() },
        "chunk_bytes": { r, v throws(RunFailure) in r.chunkBytes = try v.int() },
        "chunk_timeout": { r, v throws(RunFailure) in r.chunkTimeout = try v.double() },
        "unordered": { r, v throws(RunFailure) in r.unordered = try v.bool() },
        "resume": { r, v throws(RunFailure) in r.resume = try v.bool() },
    ]
}
