import TextmillConfig
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// Processes chat messages in this process, on the same processor `serve` would use.
final class LocalChatBackend: ChatBackend {
    private var options: PipelineOptions
    private let fields: InputFields
    private var config: PipelineConfig
    private var processor: any ChunkProcessing
    private var messages = 0
    private var totalMilliseconds = 0.0

    init(options: PipelineOptions, fields: InputFields) throws {
        self.options = options
        self.fields = fields
        config = try options.load()
        processor = try makeChunkProcessor(config: config, pipeline: try options.pipeline(of: config), fields: fields, workers: 1)
    }

    var summary: String { "in-process pipeline \(config.name) \(config.fingerprint)" }

    func process(_ texts: [String], firstID: Int) throws -> [JSONValue] {
        let documents = texts.enumerated().map { i, text in
            var w = JSONWriter()
            w.raw(#"{"id":"#)
            w.int(firstID + i)
            w.raw(",")
            w.string(fields.textField)
            w.raw(":")
            w.string(text)
            w.endObject()
            return InputDocument(ordinal: i, locator: DocumentLocator(source: "<chat>", line: firstID + i), payload: .jsonLine(w.bytes))
        }
        let processor = self.processor
        let clock = ContinuousClock()
        let started = clock.now
        let result = try blockingAwait { try await processor.process(DocumentChunk(index: 0, documents: documents)) }
        let elapsed = clock.now - started
        totalMilliseconds += Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        messages += texts.count
        return try result.records.split(separator: UInt8(ascii: "\n")).map { try JSONValue.parse(Array($0)) }
    }

    func stats() throws -> String {
        let mean = messages > 0 ? totalMilliseconds / Double(messages) : 0
        return "\(summary): \(messages) texts processed, \(format(mean)) ms each on average"
    }

    func usePreset(_ name: String) throws {
        var options = self.options
        options.preset = name
        options.config = nil
        let config = try options.load()
        processor = try makeChunkProcessor(config: config, pipeline: try options.pipeline(of: config), fields: fields, workers: 1)
        self.config = config
        self.options = options
    }
}
