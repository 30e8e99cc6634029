import ArgumentParser
import TextmillConfig
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillPool
import TextmillShards

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run` (alias `filter`): process documents into JSONL records, one per input
/// document, in input order, on a pool of worker processes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Process documents into JSONL records (one per input document, in order).",
        discussion: """
            Bad documents never stop the job: each becomes an error record \
            {"id":…,"error":{"code":…,"message":…,"file":…,"line":…}} in its place and the run \
            exits 1. A document that crashes or hangs its worker twice gets a worker_crashed or \
            timeout error record. When the output is a file, OUTPUT.meta.json records the pipeline \
            fingerprint; an interrupted run (Ctrl-C, SIGTERM, even SIGKILL) leaves OUTPUT.partial \
            and OUTPUT.resume.json, and the same command with --resume finishes it. \
            With no inputs and no -o, reads standard input and writes standard output (a filter).
            """,
        aliases: ["filter"]
    )

    @Argument(help: "Input files, directories (read recursively) or glob patterns; - for standard input (the default).")
    var inputs: [String] = []

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var shardOutput: ShardOutputOptions

    /// The output as messages name it: the file, the shard directory, or "-".
    var output: String { outputOptions.outputDir ?? outputOptions.output ?? "-" }

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions
    @OptionGroup var inputOptions: InputOptions

    @Option(help: "Worker processes (default: the number of cores). 1 processes in this process, unless --isolate.")
    var workers: Int?

    @Flag(help: "Use a worker process even with --workers 1 (crash and hang isolation).")
    var isolate = false

    @Option(help: "Documents per chunk, the unit of work sent to a worker.")
    var chunkDocs = RunCommand.defaultChunkDocs

    @Option(help: "Bytes per chunk (whichever of --chunk-docs and --chunk-bytes comes first); suffixes KiB, MiB.")
    var chunkBytes = ByteCount(RunCommand.defaultChunkBytes)

    @Option(help: "Seconds a worker may work on one chunk before it is killed and the chunk retried.")
    var chunkTimeout: Double = 120

    @Flag(help: "Write chunks as they finish instead of in input order (faster with uneven documents).")
    var unordered = false

    @Flag(help: "Continue an interrupted run to the same output (same inputs, pipeline and options).")
    var resume = false

    @Flag(help: "Show the progress line even when stderr is not a terminal.")
    var progress = false

    @Flag(help: "Flush the output after every chunk (and use one-document chunks): for driving a persistent process line by line.")
    var flushLines = false

    @Option(help: "Write the run summary as JSON to this file.")
    var stats: String?

    @Flag(help: "No summary or progress on stderr (errors are still reported).")
    var quiet = false

    /// Measured by the chunk-size sweep in BENCHMARKS.md.
    static let defaultChunkDocs = 64
    static let defaultChunkBytes = 1 << 20

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if chunkDocs < 1 { throw ValidationError("--chunk-docs must be at least 1") }
        if chunkBytes.value < 1 { throw ValidationError("--chunk-bytes must be at least 1") }
        if !(chunkTimeout > 0) { throw ValidationError("--chunk-timeout must be a positive number of seconds") }
        if shardOutput.format != nil {
            try validateShardOutput()
        } else if resume && (output == "-" || unordered) {
            throw ValidationError("--resume needs an output file written in order (not standard output, not --unordered)")
        }
        if resume && shardOutput.format == nil && !outputOptions.isResumableFile {
            throw ValidationError("--resume needs a plain -o FILE (not .gz, --output-dir or --errors)")
        }
        if resume && (inputs.isEmpty || inputs.contains("-")) {
            throw ValidationError("--resume cannot continue standard input; name the input files")
        }
    }

    mutating func run() async throws {
        let config = try pipelineOptions.load()
        let fields = inputFields.fields
        let inputs = self.inputs.isEmpty ? ["-"] : self.inputs
        let workerCount = workers ?? ProcessEnvironment.availableCores()
        let clock = ContinuousClock()
        let started = clock.now

        // Where records go, and (for a file) what a later --resume must match.
        let manifestPath = ResumeManifest.path(for: output)
        let manifest = ResumeManifest(
            fingerprint: config.fingerprint, inputs: ResumeManifest.identify((try? InputExpansion.expand(inputs)) ?? inputs),
            options: ["--text-field=\(fields.textField)", "--id-field=\(inputFields.idField)",
                      "--keep-fields=\(inputFields.keepFields ?? "")"] + inputOptions.manifestOptions,
            documentsDone: 0, chunksDone: 0, inputBytesDone: 0)
        let sink: RunOutput
        var skip = 0
        do {
            if let format = shardOutput.format {
                let shards = try TokenShardOutput.make(
                    shardOutput, format: format, directory: outputOptions.outputDir, errors: outputOptions.errors,
                    config: config, inputIdentity: manifest, resume: resume)
                sink = .tokenShards(shards)
                skip = shards.sink.resumeSkip
            } else if output == "-" && outputOptions.errors == nil {
                sink = .standardOutput(try OutputSink(path: "-"))
            } else if !outputOptions.isResumableFile {
                sink = .records(try makeRecordSink(outputOptions.destination, errors: outputOptions.errors))
            } else if resume {
                let earlier = try ResumeManifest.load(manifestPath)
                if let refusal = earlier.refusal(toContinueAs: manifest) { throw FatalError("cannot resume: \(refusal)") }
                let reopened = try ResumableFileSink.reopen(path: output)
                skip = reopened.lines
                sink = .file(reopened.sink)
            } else {
                sink = .file(try ResumableFileSink(path: output))
                try manifest.write(to: manifestPath)
            }
        } catch let error as OutputError {
            throw FatalError("output error: \(error)")
        } catch let error as ShardError {
            throw FatalError("output error: \(error)")
        }

        let backend = try ProcessingBackend.records(
            config: config, fields: fields, workers: workerCount, isolate: isolate,
            chunkTimeout: .milliseconds(Int(chunkTimeout * 1000)))
        defer { backend.shutdown() }

        let reader: ChunkSource
        do {
            reader = ChunkSource(
                try DocumentStream(paths: inputs, options: inputOptions.resolved(keepFields: fields.keepPaths.map { $0.joined(separator: ".") })),
                maxDocuments: flushLines ? 1 : chunkDocs, maxBytes: chunkBytes.value)
        } catch {
            sink.abandon()
            throw FatalError("input error: \(error)")
        }
        if skip > 0 {
            do {
                let skipped = try reader.chunker.skip(skip)
                if skipped < skip { throw FatalError("cannot resume: the output has \(skip) records but the input only \(skipped) documents") }
            } catch let error as InputError {
                throw FatalError("input error: \(error)")
            }
        }

        InterruptSignal.install()
        let showProgress = !quiet && (progress || isatty(2) == 1)
        let reporter = showProgress ? ProgressReporter(totalBytes: reader.chunker.reader.totalBytes) : nil
        let totals = RunTotals()
        let runner = ChunkStreamRunner(
            processor: backend.processor,
            // With --flush-lines, each record is written before the next line is read: reading
            // blocks on a pipe that its driver only feeds after seeing the previous answer.
            maxOutstanding: backend.pool == nil || flushLines ? 1 : workerCount * 2 + 2, ordered: !unordered)
        var failure: (any Error)?
        do {
            try await runner.run(
                next: { try reader.chunker.next() },
                shouldStop: { InterruptSignal.current != 0 },
                deliver: { result in
                    try sink.write(result, flush: flushLines)
                    totals.add(result)
                    reporter?.update(
                        documents: totals.documents, bytes: reader.chunker.reader.bytesRead, failed: totals.failed,
                        workers: backend.pool?.statistics.workersAlive ?? 1)
                })
        } catch {
            failure = error
        }
        reporter?.update(
            documents: totals.documents, bytes: reader.chunker.reader.bytesRead, failed: totals.failed,
            workers: backend.pool?.statistics.workersAlive ?? 1, force: true)
        reporter?.finish()

        let interrupted = InterruptSignal.current != 0
        if failure != nil || interrupted {
            // Keep what was written: a valid prefix of the output, which --resume continues.
            sink.suspend()
            if case .file = sink {
                var progressed = manifest
                progressed.documentsDone = skip + totals.documents
                progressed.chunksDone = totals.chunks
                progressed.inputBytesDone = reader.chunker.reader.bytesRead
                try? progressed.write(to: manifestPath)
            }
        }
        if let failure {
            let resumable = !sink.isResumable ? "" : "; \(skip + totals.documents) records kept in \(output).partial (continue with --resume)"
            switch failure {
            case let error as InputError: throw FatalError("input error: \(error)\(resumable)")
            case let error as OutputError: throw FatalError("output error: \(error)")
            case let error as WorkerPoolError: throw FatalError("\(error)\(resumable)")
            default: throw FatalError("\(failure)\(resumable)")
            }
        }

        let pool = backend.pool?.statistics
        let summary = RunSummary(
            config: config, inputs: inputs, output: output,
            stats: totals.processingStats, bytesIn: reader.chunker.reader.bytesRead, bytesOut: sink.bytesWritten,
            seconds: (clock.now - started).seconds, workers: backend.pool == nil ? 0 : workerCount, pool: pool,
            resumedAfter: skip, interrupted: interrupted)
        if interrupted {
            if !quiet { printError(summary.line) }
            printError("interrupted: \(skip + totals.documents) records in \(!sink.isResumable ? "the output" : output + ".partial")\(!sink.isResumable ? "" : "; continue with the same command and --resume")")
            if let stats { try writeFile(stats, summary.statsJSON) }
            throw InterruptSignal.exitStatus.exitCode
        }
        do {
            try sink.finish()
        } catch {
            throw FatalError("output error: \(error)")
        }
        if sink.isResumable { unlink(manifestPath) }
        if let metadataPath = outputOptions.destination.metadataPath { try writeFile(metadataPath, summary.metadataJSON) }
        if let stats { try writeFile(stats, summary.statsJSON) }
        if !quiet { printError(summary.line) }
        if case .tokenShards(let shards) = sink, !quiet { printError(shards.summaryLine) }
        if totals.failed > 0 { throw ExitStatus.someDocumentsFailed.exitCode }
    }
}

/// The chunked input of a run (a class, so the runner's closures can share it).
final class ChunkSource {
    var chunker: DocumentChunker<DocumentStream>
    init(_ reader: DocumentStream, maxDocuments: Int, maxBytes: Int) {
        chunker = DocumentChunker(reader, maxDocuments: maxDocuments, maxBytes: maxBytes)
    }
}

/// Counts summed over delivered chunks.
final class RunTotals {
    var documents = 0
    var failed = 0
    var chunks = 0
    var invalidSequencesReplaced = 0

    func add(_ result: ChunkResult) {
        documents += result.documentsOK + result.documentsFailed
        failed += result.documentsFailed
        chunks += 1
        invalidSequencesReplaced += result.invalidSequencesReplaced
    }

    var processingStats: ProcessingStats {
        var stats = ProcessingStats()
        stats.documentsOK = documents - failed
        stats.documentsFailed = failed
        stats.invalidSequencesReplaced = invalidSequencesReplaced
        return stats
    }
}

/// The run's destination: standard output, a file that can be resumed, or a record sink
/// (a .gz file, shards, error records routed to --errors), which cannot.
enum RunOutput {
    case standardOutput(OutputSink)
    case file(ResumableFileSink)
    case records(any RecordSink)
    case tokenShards(TokenShardOutput)

    func write(_ result: ChunkResult, flush: Bool) throws {
        switch self {
        case .tokenShards(let shards): try shards.write(result)
        case .standardOutput(let sink): try sink.write(result.records)
        case .file(let sink): try sink.write(result.records)
        case .records(let sink): try sink.write(records: result.records, failedPositions: result.failedPositions)
        }
    }

    var bytesWritten: Int {
        switch self {
        case .standardOutput(let sink): sink.bytesWritten
        case .file(let sink): sink.bytesWritten
        case .records(let sink): sink.bytesWritten
        case .tokenShards(let shards): shards.sink.bytesWritten
        }
    }

    var isResumable: Bool { if case .file = self { true } else { false } }

    func finish() throws {
        switch self {
        case .tokenShards(let shards): try shards.sink.finish()
        case .standardOutput(let sink): try sink.finish()
        case .file(let sink): try sink.finish()
        case .records(let sink): try sink.finish()
        }
    }

    /// Keeps a resumable file's records for --resume; anything else cannot be continued and is removed.
    func suspend() {
        switch self {
        case .file(let sink): sink.suspend()
        case .records(let sink): sink.abandon()
        case .tokenShards(let shards): shards.sink.suspend()
        case .standardOutput: break
        }
    }

    func abandon() {
        switch self {
        case .file(let sink): sink.abandon()
        case .records(let sink): sink.abandon()
        case .tokenShards(let shards): shards.sink.abandon()
        case .standardOutput: break
        }
    }
}
