import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// `record`: documents through real presets to the JSONL records `run` writes.
///
/// Input: one byte choosing the preset (`chat`, `icu-words`, `bert-wordpiece`) and whether the
/// rest is document texts (raw bytes, invalid UTF-8 and controls included, one per line) or
/// whole JSONL lines as a user might send them. Properties: exactly one record line per
/// document; every line is valid UTF-8 and JSON (both parsers agree), an object with the
/// document's id, or an error record; tokens and offsets pair up; every offset is a
/// `[start, end]` inside the original text, in order (`[0, 0]`, which WordPiece gives its
/// special tokens as HF does, aside).
public final class RecordWriterTarget: FuzzTarget {
    public let name = "record"
    private let processors: [InProcessChunkProcessor]

    /// `modelsDirectory`: the package's `models/` folder, where the presets are.
    public init(modelsDirectory: String) throws {
        processors = try ["chat", "icu-words", "bert-wordpiece"].map { preset in
            let config = try PipelineConfig.load(path: "\(modelsDirectory)/\(preset).json")
            return try InProcessChunkProcessor(pipeline: config.pipeline, fields: InputFields())
        }
    }

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let choice = Int(cursor.byte())
        let processor = processors[choice % processors.count]
        let asTexts = choice & 0x80 == 0
        let pieces = cursor.rest.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64)
        var documents: [InputDocument] = []
        var lengths: [Int?] = []
        for (i, piece) in pieces.enumerated() {
            let line: [UInt8]
            if asTexts {
                line = Self.jsonLine(id: i + 1, rawText: Array(piece))
                lengths.append(String(decoding: piece, as: UTF8.self).unicodeScalars.count)
            } else {
                line = Array(piece)
                lengths.append(nil)
            }
            documents.append(InputDocument(locator: DocumentLocator(source: "fuzz", line: i + 1), payload: .jsonLine(line)))
        }
        let result = processor.processSync(DocumentChunk(index: 0, documents: documents))
        var lines = result.records.split(separator: 0x0A, omittingEmptySubsequences: false)
        try PropertyViolation.require(lines.last?.isEmpty == true, "record: the records do not end with a newline")
        lines.removeLast()
        try PropertyViolation.require(lines.count == documents.count, "record: \(lines.count) records for \(documents.count) documents")
        for (i, line) in lines.enumerated() {
            try Self.checkRecord(Array(line), id: i + 1, textLength: lengths[i], raw: !asTexts)
        }
    }

    /// `{"id":N,"text":"…"}` with the text's bytes as they are, only `"`, `\` and controls escaped.
    static func jsonLine(id: Int, rawText: [UInt8]) -> [UInt8] {
        var line = Array("{\"id\":\(id),\"text\":\"".utf8)
        for b in rawText {
            if b == 0x22 || b == 0x5C { line += [0x5C, b] }
            else if b < 0x20 { line += Array("\\u00\(b < 0x10 ? "0" : "")\(String(b, radix: 16))".utf8) }
            else { line.append(b) }
        }
        line += Array("\"}".utf8)
        return line
    }

    private static func checkRecord(_ line: [UInt8], id: Int, textLength: Int?, raw: Bool) throws(PropertyViolation) {
        try PropertyViolation.require(String(validating: line, as: UTF8.self) != nil, "record \(id): not valid UTF-8: \(hex(line))")
        try PropertyViolation.require(
            ReferenceJSONValidator.isValid(line, maxDepth: JSONParser.maxDepth), "record \(id): not JSON by the reference: \(hex(line))")
        let record: JSONValue
        do { record = try JSONValue.parse(line) } catch { throw PropertyViolation("record \(id): does not parse back: \(error)") }
        guard record.objectValue != nil else { throw PropertyViolation("record \(id): not an object") }
        if let error = record["error"] {
            try PropertyViolation.require(error["code"]?.stringValue != nil, "record \(id): an error without a code")
            try PropertyViolation.require(!(textLength != nil && error["code"]?.stringValue == "invalid_json"), "record \(id): a well-formed line called invalid JSON")
            return
        }
        if !raw { try PropertyViolation.require(record["id"]?.intValue == id, "record \(id): id \(record["id"]?.jsonText ?? "missing")") }
        let tokens = record["tokens"]?.arrayValue
        guard let offsets = record["offsets"]?.arrayValue else { return }
        try PropertyViolation.require(tokens == nil || tokens!.count == offsets.count, "record \(id): \(tokens!.count) tokens, \(offsets.count) offsets")
        var previousStart = 0
        for offset in offsets {
            guard let pair = offset.arrayValue?.compactMap(\.intValue), pair.count == 2 else {
                throw PropertyViolation("record \(id): an offset that is not [start, end]: \(offset.jsonText)")
            }
            if pair == [0, 0] { continue }
            try PropertyViolation.require(pair[0] <= pair[1] && pair[0] >= previousStart, "record \(id): offsets out of order: \(offset.jsonText)")
            if let textLength { try PropertyViolation.require(pair[1] <= textLength, "record \(id): offset \(offset.jsonText) past the text's \(textLength) code points") }
            previousStart = pair[0]
        }
    }
}
