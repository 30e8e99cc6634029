import TextmillConfig
import TextmillJSON

/// `config`: pipeline config files, parsed and validated as `--config` does.
///
/// Properties: any input is either a config or a `ConfigError` naming the file (never a
/// crash); and a config that parses is canonical: its resolved form (every default filled in)
/// parses again to the same resolved form and the same fingerprint. The config sits in
/// `models/`, so stopword lists and vocabularies it names by relative path are found.
public struct PipelineConfigTarget: FuzzTarget {
    public let name = "config"
    private let path: String

    /// `modelsDirectory`: the package's `models/` folder.
    public init(modelsDirectory: String) {
        path = modelsDirectory + "/fuzzed-config.json"
    }

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        let config: PipelineConfig
        do { config = try PipelineConfig.parse(input, path: path) } catch {
            try PropertyViolation.require(error.description.contains(path), "config: an error that does not name the file: \(error)")
            return
        }
        let canonical = Array(config.resolved.jsonText.utf8)
        let again: PipelineConfig
        do { again = try PipelineConfig.parse(canonical, path: path) } catch {
            throw PropertyViolation("config: the resolved config does not parse: \(error)\n\(config.resolved.jsonText)")
        }
        try PropertyViolation.require(
            again.resolved == config.resolved, "config: resolving is not idempotent:\n\(config.resolved.jsonText)\n\(again.resolved.jsonText)")
        try PropertyViolation.require(again.fingerprint == config.fingerprint, "config: the resolved config has another fingerprint")
    }
}
