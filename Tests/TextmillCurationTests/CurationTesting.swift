import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// Builds a processor from inline stage JSON, as a config file in the package root would be
/// (so the models folder is found as for a preset).
func makeProcessor(stages: String, fields: [String]) throws -> DocumentProcessor {
    let fieldList = fields.map { "\"\($0)\"" }.joined(separator: ",")
    let json = #"{"version": 1, "name": "test", "stages": ["# + stages + #"], "output": {"fields": ["# + fieldList + "]}}"
    return try DocumentProcessor(pipeline: try parseConfig(json).pipeline)
}

func parseConfig(_ json: String) throws(ConfigError) -> PipelineConfig {
    try PipelineConfig.parse(Array(json.utf8), path: Fixtures.path("inline-test-config.json"))
}

/// The record the processor writes for `text`, parsed back.
func record(_ processor: DocumentProcessor, _ text: String) throws -> JSONValue {
    var out = JSONWriter()
    processor.process(text: text, id: .number(1, literal: "1"), into: &out)
    return try JSONValue.parse(Array(out.bytes.dropLast()))
}

/// The config error message for a stage list, or nil if it parses.
func configError(stages: String, fields: [String] = ["id"]) -> String? {
    let fieldList = fields.map { "\"\($0)\"" }.joined(separator: ",")
    do {
        _ = try parseConfig(#"{"version": 1, "stages": ["# + stages + #"], "output": {"fields": ["# + fieldList + "]}}")
        return nil
    } catch {
        return error.description
    }
}
