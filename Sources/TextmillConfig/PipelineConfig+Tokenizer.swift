import TextmillJSON
import TextmillPipeline
import TextmillTokenizers

/// `--tokenizer`, `--tiktoken-pattern`, `--no-special-tokens`, `--allowed-special` and `--fields`: an LLM
/// tokenizer pipeline from a file alone, or those settings applied to a config's `tokenizer` stage.
/// Like `overridingWordPiece`, everything goes through the resolved form and is parsed again, so the
/// fingerprint covers it and workers rebuild the same pipeline from the resolved config.
extension PipelineConfig {
    /// The settings of the command line's tokenizer options; nil members leave the config's value.
    public struct TokenizerOverrides: Sendable {
        public var file: String?
        public var tiktokenPattern: String?
        public var addSpecialTokens: Bool?
        public var allowedSpecial: String?

        public init(file: String? = nil, tiktokenPattern: String? = nil, addSpecialTokens: Bool? = nil, allowedSpecial: String? = nil) {
            self.file = file
            self.tiktokenPattern = tiktokenPattern
            self.addSpecialTokens = addSpecialTokens
            self.allowedSpecial = allowedSpecial
        }

        public var isEmpty: Bool { file == nil && tiktokenPattern == nil && addSpecialTokens == nil && allowedSpecial == nil }

        /// The stage options these overrides set, as JSON.
        var options: [(String, JSONValue)] {
            var result: [(String, JSONValue)] = []
            if let file { result.append(("file", .string(FileBytes.absolutePath(file)))) }
            if let tiktokenPattern { result.append(("tiktoken_pattern", .string(tiktokenPattern))) }
            if let addSpecialTokens { result.append(("add_special_tokens", .bool(addSpecialTokens))) }
            if let allowedSpecial {
                let value: JSONValue = allowedSpecial == "none" || allowedSpecial == "all"
                    ? .string(allowedSpecial)
                    : .array(allowedSpecial.split(separator: ",").map { .string(String($0)) })
                result.append(("allowed_special", value))
            }
            return result
        }
    }

    /// A pipeline that only tokenizes with the file in `overrides` (after repairing invalid UTF-8, as the
    /// reference libraries see text that Python decoded with replacement). Records get `id`, `ids`, and
    /// `offsets` when the tokenizer reports them by default (HF), unless `fields` says otherwise.
    public static func tokenizerPipeline(_ overrides: TokenizerOverrides, fields: [String]?) throws(ConfigError) -> PipelineConfig {
        guard let file = overrides.file else { throw ConfigError(file: "", field: "", "--tokenizer FILE is required") }
        let path = FileBytes.absolutePath(file)
        guard FileBytes.exists(path) else { throw ConfigError(file: file, field: "", "--tokenizer: no such file") }
        var outputFields = fields
        if outputFields == nil {
            let reportsOffsets: Bool
            do {
                let bytes = try FileBytes.read(path)
                reportsOffsets = try TokenizerFile.kind(of: bytes, path: file) == .huggingFace
            } catch {
                throw ConfigError(file: file, field: "", "\(error)")
            }
            outputFields = reportsOffsets ? ["id", "ids", "offsets"] : ["id", "ids"]
        }
        let stage = JSONValue.object([("type", .string(TokenizerStage.Definition.typeName))] + overrides.options.map { (key: $0.0, value: $0.1) })
        let config = JSONValue.object([
            ("version", .integer(currentVersion)),
            ("name", .string("tokenizer")),
            ("stages", .array([.object([("type", .string("repair_utf8"))]), stage])),
            ("output", .object([("fields", .array(outputFields!.map { .string($0) }))])),
        ])
        return try parse(Array(config.jsonText.utf8), path: "--tokenizer")
    }

    /// This config with `overrides` applied to its `tokenizer` stage(s); an error if it has none.
    public func overridingTokenizer(_ overrides: TokenizerOverrides) throws(ConfigError) -> PipelineConfig {
        if overrides.isEmpty { return self }
        if let file = overrides.file, !FileBytes.exists(FileBytes.absolutePath(file)) {
            throw ConfigError(file: file, field: "", "--tokenizer: no such file")
        }
        guard case .object(var members) = resolved else { return self }
        var found = false
        for (i, member) in members.enumerated() where member.key == "stages" {
            guard case .array(var stages) = member.value else { continue }
            for (j, stage) in stages.enumerated() {
                guard case .object(var fields) = stage, stage["type"]?.stringValue == TokenizerStage.Definition.typeName else { continue }
                found = true
                for (key, value) in overrides.options {
                    if let k = fields.firstIndex(where: { $0.key == key }) { fields[k].value = value } else { fields.append((key, value)) }
                }
                stages[j] = .object(fields)
            }
            members[i].value = .array(stages)
        }
        guard found else {
            throw ConfigError(file: path, field: "", "--tokenizer/--tiktoken-pattern/--no-special-tokens/--allowed-special: this pipeline has no tokenizer stage")
        }
        return try PipelineConfig.parse(Array(JSONValue.object(members).jsonText.utf8), path: path)
    }

    /// This config writing `fields` (`--fields`), checked against what its stages produce.
    public func overriding(fields: [String]) throws(ConfigError) -> PipelineConfig {
        guard case .object(var members) = resolved else { return self }
        for (i, member) in members.enumerated() where member.key == "output" {
            guard case .object(var output) = member.value else { continue }
            for (j, field) in output.enumerated() where field.key == "fields" { output[j].value = .array(fields.map { .string($0) }) }
            members[i].value = .object(output)
        }
        return try PipelineConfig.parse(Array(JSONValue.object(members).jsonText.utf8), path: path)
    }
}
