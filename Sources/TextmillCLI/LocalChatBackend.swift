import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline
import TextmillRun

/// Processes chat messages in this process, with the in-process processor `serve --workers 1` uses.
final class LocalChatBackend: ChatBackend {
    private var options: PipelineOptions
    private let fields: InputFields
    private var config: PipelineConfig
    private var processor: any ChunkProcessing
    /// True when `text` was added to the output fields only to show the normalized text.
    private var addedText = false
    private var messages = 0
    private var totalMilliseconds = 0.0

    init(options: PipelineOptions, fields: InputFields) throws {
        self.options = options
        self.fields = fields
        config = try options.load()
        (processor, addedText) = try Self.makeProcessor(config, fields)
    }

    /// The pipeline as configured, plus the `text` field if it lacks it: the same stages give
    /// the same tokens, and the record shown by /json is the configured one (see `process`).
    private static func makeProcessor(
        _ config: PipelineConfig, _ fields: InputFields
    ) throws -> (any ChunkProcessing, Bool) {
        var pipeline = config.pipeline
        var added = false
        if !pipeline.output.fields.contains(.text) {
            var spec = pipeline.output
            spec.fields.append(.text)
            do { pipeline = try pipeline.with(output: spec) } catch { throw FatalError("\(error)") }
            added = true
        }
        // In this process (a chat needs no crash isolation), with the pipeline changed above.
        do { return (try InProcessChunkProcessor(pipeline: pipeline, fields: fields), added) } catch {
            throw FatalError("cannot start the pipeline: \(error)")
        }
    }

    var summary: String { "in-process pipeline \(config.name) \(config.fingerprint)" }

    func process(_ texts: [String], firstID: Int) throws -> [(record: JSONValue, normalized: String?)] {
        let documents = texts.enumerated().map { i, text in
            var w = JSONWriter()
            w.raw(#"{"id":"#)
            w.int(firstID + i)
            w.raw(",")
            w.string(fields.textField)
            w.raw(":")
            w.string(text)
            w.endObject()
            return InputDocument(locator: DocumentLocator(source: "<chat>", line: firstID + i), payload: .jsonLine(w.bytes))
        }
        let processor = self.processor
        let clock = ContinuousClock()
        let started = clock.now
        let result = try blockingAwait { try await processor.process(DocumentChunk(index: 0, documents: documents)) }
        let elapsed = clock.now - started
        totalMilliseconds += Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        messages += texts.count
        return try result.records.split(separator: UInt8(ascii: "\n")).map { line in
            let record = try JSONValue.parse(Array(line))
            let normalized = record["text"]?.stringValue
            guard addedText, case .object(let members) = record else { return (record, normalized) }
            return (.object(members.filter { $0.key != "text" }), normalized)
        }
    }

    func stats() throws -> String {
        let mean = messages > 0 ? totalMilliseconds / Double(messages) : 0
        return "\(summary): \(messages) texts processed, \(format(mean)) ms each on average"
    }

    func jobs() throws -> String {
        "jobs run on a server: chat with --connect to one started by `textmill serve`"
    }

    func usePreset(_ name: String) throws {
        var options = self.options
        options.preset = name
        options.config = nil
        let config = try options.load()
        (processor, addedText) = try Self.makeProcessor(config, fields)
        self.config = config
        self.options = options
    }
}
