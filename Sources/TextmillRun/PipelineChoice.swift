import TextmillConfig
import TextmillPipeline

/// Which pipeline a run uses and the overrides applied to it: `--preset`/`--config` and the
/// options every processing command shares (run, inspect, serve, and jobs submitted to serve).
public struct PipelineChoice: Sendable, Equatable {
    public var preset: String?
    public var config: String?
    public var offsets: OriginalText.OffsetUnit?
    /// The folder with the presets and models (nil: found beside the executable, or $TEXTMILL_MODELS).
    public var models: String?
    public var vocab: String?
    public var maxLength: Int?
    public var tokenizer: String?
    public var tiktokenPattern: String?
    public var noSpecialTokens = false
    public var allowedSpecial: String?
    /// Comma-separated record fields.
    public var fields: String?

    public init() {}

    public func validate() throws(RunFailure) {
        if preset != nil && config != nil { throw RunFailure("use either --preset or --config, not both") }
        if tokenizer == nil && preset == nil && config == nil
            && (tiktokenPattern != nil || noSpecialTokens || allowedSpecial != nil) {
            throw RunFailure("--tiktoken-pattern, --no-special-tokens and --allowed-special need --tokenizer or a pipeline with a tokenizer stage")
        }
    }

    /// Loads the chosen pipeline with the overrides applied.
    public func load() throws(RunFailure) -> PipelineConfig {
        var loaded: PipelineConfig
        let overrides = PipelineConfig.TokenizerOverrides(
            file: tokenizer, tiktokenPattern: tiktokenPattern, addSpecialTokens: noSpecialTokens ? false : nil,
            allowedSpecial: allowedSpecial)
        let fieldList = fields?.split(separator: ",").map { String(String($0.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())) }
        do {
            if tokenizer != nil && config == nil && preset == nil {
                loaded = try PipelineConfig.tokenizerPipeline(overrides, fields: fieldList)
                if let offsets { loaded = try loaded.overriding(offsetUnit: offsets) }
                return loaded
            }
            if let config {
                loaded = try PipelineConfig.load(path: config)
            } else {
                let catalog: PresetCatalog
                if let models {
                    catalog = PresetCatalog(directory: models)
                } else if let found = PresetCatalog.locate() {
                    catalog = found
                } else {
                    throw RunFailure("cannot find the models folder with the presets; pass --models DIR or set TEXTMILL_MODELS")
                }
                loaded = try catalog.load(preset ?? PresetCatalog.defaultPreset)
            }
            if let offsets { loaded = try loaded.overriding(offsetUnit: offsets) }
            loaded = try loaded.overridingWordPiece(vocab: vocab, maxLength: maxLength)
            loaded = try loaded.overridingTokenizer(overrides)
            if let fieldList { loaded = try loaded.overriding(fields: fieldList) }
        } catch let error as ConfigError {
            throw RunFailure("config error: \(error)")
        } catch let error as RunFailure {
            throw error
        } catch {
            throw RunFailure("config error: \(error)")
        }
        return loaded
    }
}
