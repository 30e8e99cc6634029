import TextmillConfig
import TextmillJSON
import TextmillPipeline

/// Builds a processor from inline stage JSON, the way a config file would.
func makeProcessor(stages: String, fields: [String] = ["id", "tokens", "offsets"], offsets: String = "codepoints")
    throws -> DocumentProcessor
{
    let fieldList = fields.map { "\"\($0)\"" }.joined(separator: ",")
    let json = #"{"version": 1, "name": "test", "stages": ["# + stages + #"], "output": {"fields": ["#
        + fieldList + #"], "offsets": ""# + offsets + #""}}"#
    let config = try PipelineConfig.parse(Array(json.utf8), path: "inline-test-config.json")
    return try DocumentProcessor(pipeline: config.pipeline)
}

/// The record the processor writes for `text`, parsed back.
func record(_ processor: DocumentProcessor, _ text: String) throws -> JSONValue {
    var out = JSONWriter()
    processor.process(text: text, id: .number(1, literal: "1"), into: &out)
    return try JSONValue.parse(Array(out.bytes.dropLast()))
}

extension JSONValue {
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
    var pairs: [[Int]] { arrayValue?.map { $0.arrayValue?.compactMap(\.intValue) ?? [] } ?? [] }
}

/// `text[start..<end]` in Unicode scalars, as Python slices a `str`.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
}
