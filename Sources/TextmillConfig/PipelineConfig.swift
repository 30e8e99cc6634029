import TextmillJSON
import TextmillPipeline
import TextmillUnicode

/// A versioned pipeline config file, parsed, validated and built into a `Pipeline`.
///
/// ```json
/// {"version": 1, "name": "icu-words",
///  "stages": [{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words", "locale": "root"}, …],
///  "output": {"fields": ["id", "tokens", "offsets"], "offsets": "codepoints"}}
/// ```
/// Relative model-file paths in a config are resolved against the config file's directory.
public struct PipelineConfig: Sendable {
    public static let currentVersion = 1

    public let name: String
    public let description: String
    public let path: String
    public let pipeline: Pipeline
    /// The config with every default filled in, as canonical JSON.
    public let resolved: JSONValue
    /// Hash of the resolved config, the model files' bytes and the ICU version: identifies the
    /// exact pipeline that produced an output.
    public let fingerprint: String

    /// Loads and validates the config at `path`.
    public static func load(path: String) throws(ConfigError) -> PipelineConfig {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw ConfigError(file: path, field: "", "cannot read: \(error.reason)") }
        return try parse(bytes, path: path)
    }

    /// Parses a config from bytes; `path` names it in errors and anchors relative model paths.
    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> PipelineConfig {
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch { throw ConfigError(file: path, field: "", "not valid JSON: \(error)") }
        let r = try ConfigReader(root, file: path, path: "")
        try r.rejectUnknown(allowed: ["version", "name", "description", "stages", "output"])
        let version = try r.int("version", default: nil, range: 1...Int.max)
        guard version == currentVersion else {
            throw r.fail("version", "\(version) is not supported (this textmill reads version \(currentVersion))")
        }
        let name = try r.string("name", default: baseName(path))
        let description = try r.string("description", default: "")
        guard let stageValues = r.value("stages")?.arrayValue else { throw r.fail("stages", "required list of stages is missing") }
        let modelsDirectory = PresetCatalog.locate()?.directory
        var definitions: [any StageDefinition] = []
        var stages: [any PipelineStage] = []
        for (i, value) in stageValues.enumerated() {
            let stagePath = "stages[\(i)]"
            let definition = try StageRegistry.parse(value, file: path, path: stagePath, modelsDirectory: modelsDirectory)
            definitions.append(definition)
            do { stages.append(try definition.makeStage()) } catch { throw ConfigError(file: path, field: stagePath, "\(error)") }
            let produced = Set(stages.dropLast().flatMap(\.producedFields))
            for field in stages[i].requiredFields where !produced.contains(field) {
                throw ConfigError(file: path, field: stagePath, "\(type(of: definition).typeName)'s input field '\(field)' is made by no stage before it")
            }
        }
        let output = try parseOutput(r.value("output"), file: path)
        let pipeline: Pipeline
        do { pipeline = try Pipeline(stages: stages, output: output) } catch { throw ConfigError(file: path, field: "output.fields", error.message) }

        let resolved = JSONValue.object([
            ("version", .number(1, literal: "1")),
            ("name", .string(name)),
            ("stages", .array(definitions.map(\.resolved))),
            ("output", .object([
                ("fields", .array(output.fields.map { .string($0.description) })),
                ("offsets", .string(output.offsetUnit.rawValue)),
            ])),
        ])
        var hash = Fingerprint()
        hash.add("textmill-pipeline-v1")
        hash.add(resolved.jsonText)
        hash.add("icu \(ICUVersion.library) unicode \(ICUVersion.unicode)")
        let directory = directoryName(path)
        for file in definitions.flatMap(\.modelFiles) {
            let full = file.hasPrefix("/") ? file : directory + "/" + file
            do { hash.add(try FileBytes.read(full)) } catch { throw ConfigError(file: path, field: "stages", "model file \(error)") }
        }
        return PipelineConfig(
            name: name, description: description, path: path, pipeline: pipeline, resolved: resolved,
            fingerprint: hash.hex)
    }

    /// The same config with its output offsets in `unit` (`--offsets`). Re-parsed from the
    /// resolved form, so the fingerprint tells the two outputs apart and a worker given the
    /// resolved config builds exactly this pipeline.
    public func overriding(offsetUnit unit: OriginalText.OffsetUnit) throws(ConfigError) -> PipelineConfig {
        guard unit != pipeline.output.offsetUnit, case .object(var members) = resolved else { return self }
        for (i, member) in members.enumerated() where member.key == "output" {
            guard case .object(var output) = member.value else { continue }
            for (j, field) in output.enumerated() where field.key == "offsets" { output[j].value = .string(unit.rawValue) }
            members[i].value = .object(output)
        }
        return try PipelineConfig.parse(Array(JSONValue.object(members).jsonText.utf8), path: path)
    }

    private static func parseOutput(_ value: JSONValue?, file: String) throws(ConfigError) -> OutputSpec {
        guard let value else { return OutputSpec(fields: [.id, .tokens, .offsets]) }
        let r = try ConfigReader(value, file: file, path: "output")
        try r.rejectUnknown(allowed: ["fields", "offsets"])
        let fields = try r.strings("fields", default: ["id", "tokens", "offsets"]).map(OutputField.init(name:))
        let unit: OriginalText.OffsetUnit = try r.choice("offsets", default: .codepoints)
        return OutputSpec(fields: fields, offsetUnit: unit)
    }

    private init(name: String, description: String, path: String, pipeline: Pipeline, resolved: JSONValue, fingerprint: String) {
        self.name = name
        self.description = description
        self.path = path
        self.pipeline = pipeline
        self.resolved = resolved
        self.fingerprint = fingerprint
    }
}
