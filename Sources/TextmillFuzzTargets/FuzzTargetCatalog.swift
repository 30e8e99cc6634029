/// Every fuzz target by name, and the parsers that have none yet.
public enum FuzzTargetCatalog {
    /// The targets `make fuzz` runs, in order.
    public static let names = [
        "json", "utf8", "jsonl", "text", "csv", "tsv", "xml", "html", "gzip", "frame", "line", "rpc", "config", "vocab", "record",
        "tokenizer-json", "tiktoken", "shards", "db-rows",
    ]

    /// Parsers that other work is landing on main; each gets a target here when it does.
    public static let pending: [(name: String, reason: String)] = []

    /// The target called `name`; `packageRoot` locates `models/` for the ones that load presets.
    public static func make(_ name: String, packageRoot: String) throws -> (any FuzzTarget)? {
        let models = packageRoot + "/models"
        switch name {
        case "json": return JSONParserTarget()
        case "utf8": return UTF8TranscodingTarget()
        case "jsonl": return JSONLReaderTarget()
        case "text": return TextReaderTarget()
        case "csv": return DelimitedReaderTarget(tab: false)
        case "tsv": return DelimitedReaderTarget(tab: true)
        case "xml": return MarkupReaderTarget(html: false)
        case "html": return MarkupReaderTarget(html: true)
        case "gzip": return GzipInputTarget()
        case "frame": return FrameDecoderTarget()
        case "line": return LineDecoderTarget()
        case "rpc": return RPCRequestTarget()
        case "config": return PipelineConfigTarget(modelsDirectory: models)
        case "vocab": return VocabularyTarget()
        case "record": return try RecordWriterTarget(modelsDirectory: models)
        case "tokenizer-json": return TokenizerFileTarget(tiktoken: false)
        case "tiktoken": return TokenizerFileTarget(tiktoken: true)
        case "shards": return ShardReaderTarget()
        case "db-rows": return DatabaseRowTarget()
        default: return nil
        }
    }
}

extension FuzzTargetCatalog {
    /// Deletes the files the reader targets wrote (the driver does it at exit by itself).
    public static func removeScratchFiles() { FuzzScratch.removeAll() }
}
