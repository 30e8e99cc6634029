import ArgumentParser
import TextmillConfig
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillUnicode

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run`: process JSONL documents into JSONL records, in input order.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process documents into JSONL records (one per input document, in order).",
        discussion: """
            Bad documents never stop the job: each becomes an error record \
            {"id":…,"error":{"code":…,"message":…,"file":…,"line":…}} in its place and the run \
            exits 1. When the output is a file, OUTPUT.meta.json records the pipeline fingerprint.
            """
    )

    @Argument(help: "Input JSONL files; - for standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output file; - for standard output.")
    var output: String

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions

    @Option(help: "Largest document (input line) in bytes; a larger one becomes an error record.")
    var maxDocBytes = 64 << 20

    @Option(help: "Write the run summary as JSON to this file.")
    var stats: String?

    @Flag(help: "No summary on stderr (errors are still reported).")
    var quiet = false

    mutating func run() throws {
        let config = try pipelineOptions.load()
        let pipeline = try pipelineOptions.pipeline(of: config)
        let processor: DocumentProcessor
        do {
            processor = try DocumentProcessor(pipeline: pipeline, fields: inputFields.fields)
        } catch {
            throw FatalError("cannot start the pipeline: \(error)")
        }
        let clock = ContinuousClock()
        let started = clock.now

        let sink: OutputSink
        do { sink = try OutputSink(path: output) } catch { throw FatalError("\(error)") }
        var out = JSONWriter(capacity: 2 << 20)
        var bytesIn = 0
        var ordinal = 0
        do {
            for input in inputs {
                let source = try FileByteSource(path: input)
                defer { source.close() }
                var reader = JSONLReader(source, firstOrdinal: ordinal, maxDocBytes: maxDocBytes)
                while let document = try reader.next() {
                    processor.process(document, into: &out)
                    if out.bytes.count >= 1 << 20 {
                        try sink.write(out.bytes)
                        out.bytes.removeAll(keepingCapacity: true)
                    }
                }
                ordinal = reader.nextOrdinal
                bytesIn += reader.bytesRead
            }
            try sink.write(out.bytes)
            try sink.finish()
        } catch let error as InputError {
            sink.abandon()
            throw FatalError("input error: \(error)")
        } catch let error as OutputError {
            sink.abandon()
            throw FatalError("output error: \(error)")
        }

        let summary = RunSummary(
            config: config, inputs: inputs, output: output, stats: processor.stats, bytesIn: bytesIn,
            bytesOut: sink.bytesWritten, seconds: (clock.now - started).seconds)
        if output != "-" { try writeFile(output + ".meta.json", summary.metadataJSON) }
        if let stats { try writeFile(stats, summary.statsJSON) }
        if !quiet { printError(summary.line) }
        if processor.stats.documentsFailed > 0 { throw ExitStatus.someDocumentsFailed.exitCode }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

func printError(_ message: String) {
    var line = Array("textmill: \(message)\n".utf8)
    line.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    do {
        let sink = try OutputSink(path: path)
        try sink.write(bytes)
        try sink.finish()
    } catch {
        throw FatalError("\(error)")
    }
}
