import TextmillJSON
import TextmillRun

extension JobParams {
    /// `request` as `job.submit` params: only what differs from `run`'s defaults, under the
    /// keys `init(_:)` reads, so decoding gives the same request back.
    public static func encode(_ request: RunRequest, priority: Int = 0) -> JSONValue {
        let defaults = RunRequest()
        var members: [(key: String, value: JSONValue)] = [("inputs", .array(request.inputs.map { .string($0) }))]
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        func add(_ key: String, _ value: Int?) { if let value { members.append((key, .number(Double(value), literal: String(value)))) } }
        func add(_ key: String, _ value: Double?) { if let value { members.append((key, .number(value, literal: "\(value)"))) } }
        func flag(_ key: String, _ value: Bool) { if value { members.append((key, .bool(true))) } }
        add("output", request.output)
        add("output_dir", request.outputDir)
        add("shard_docs", request.shardDocs)
        flag("gzip", request.gzip)
        add("errors", request.errors)
        add("rejected", request.rejected)
        add("sink", request.sink)
        add("db_table", request.dbTable)
        add("db_columns", request.dbColumns)
        if request.dbBusyTimeout != defaults.dbBusyTimeout { add("db_busy_timeout", request.dbBusyTimeout) }
        if request.dbCommitInterval != defaults.dbCommitInterval { add("db_commit_interval", request.dbCommitInterval) }
        let shards = request.shards
        add("output_format", shards.outputFormat)
        add("shard_tokens", shards.shardTokens)
        add("eos_token", shards.eosToken)
        flag("no_eos", shards.noEos)
        flag("bos", shards.bos)
        flag("split_sentences", shards.splitSentences)
        add("val_fraction", shards.valFraction)
        add("val_docs", shards.valDocs)
        if shards.valSeed != 0 { add("val_seed", Int(truncatingIfNeeded: shards.valSeed)) }
        add("shuffle_seed", shards.shuffleSeed.map { Int(truncatingIfNeeded: $0) })
        let pipeline = request.pipeline
        add("preset", pipeline.preset)
        add("config", pipeline.config)
        add("offsets", pipeline.offsets?.rawValue)
        add("models", pipeline.models)
        add("vocab", pipeline.vocab)
        add("max_length", pipeline.maxLength)
        add("tokenizer", pipeline.tokenizer)
        add("tiktoken_pattern", pipeline.tiktokenPattern)
        flag("no_special_tokens", pipeline.noSpecialTokens)
        add("allowed_special", pipeline.allowedSpecial)
        add("fields", pipeline.fields)
        if request.textField != defaults.textField { add("text_field", request.textField) }
        if request.idField != defaults.idField { add("id_field", request.idField) }
        add("keep_fields", request.keepFields)
        if request.format != defaults.format { add("format", request.format.rawValue) }
        if request.split != defaults.split { add("split", request.split.rawValue) }
        add("text_column", request.textColumn)
        add("id_column", request.idColumn)
        add("xpath", request.xpath)
        add("id_xpath", request.idXPath)
        if request.maxDocBytes != defaults.maxDocBytes { add("max_doc_bytes", request.maxDocBytes) }
        add("workers", request.workers)
        flag("isolate", request.isolate)
        if request.chunkDocs != defaults.chunkDocs { add("chunk_docs", request.chunkDocs) }
        if request.chunkBytes != defaults.chunkBytes { add("chunk_bytes", request.chunkBytes) }
        if request.chunkTimeout != defaults.chunkTimeout { add("chunk_timeout", request.chunkTimeout) }
        flag("unordered", request.unordered)
        flag("resume", request.resume)
        if priority != 0 { add("priority", priority) }
        return .object(members)
    }
}
