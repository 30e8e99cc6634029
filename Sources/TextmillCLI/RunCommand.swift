import ArgumentParser
import TextmillConfig
import TextmillDatabase
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillPool
import TextmillProcessing
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
    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var shardOutput: ShardOutputOptions

    /// The output as messages name it: the database, the file, the shard directory, or "-".
    var output: String { databaseOptions.sink ?? outputOptions.outputDir ?? outputOptions.output ?? "-" }

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
        try databaseOptions.validate(output: outputOptions, unordered: unordered)
        let database = try databaseOptions.destination(output: outputOptions.output) != nil
        if shardOutput.format != nil {
            if database { throw ValidationError("--output-format writes token shards; it cannot be combined with a database sink") }
            try validateShardOutput()
        } else if resume && !database && (output == "-" || unordered) {
            throw ValidationError("--resume needs an output file written in order (not standard output, not --unordered)")
        }
        if resume && shardOutput.format == nil && !database && outputOptions.outputTarget == .special {
            throw ValidationError("--resume needs a regular output file; \(output) is a device, FIFO or other special file, written directly")
        }
        if resume && shardOutput.format == nil && !database && !outputOptions.isResumableFile {
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

        // Where records go, and (for a plain file) how a later --resume continues.
        let manifest = ResumeManifest(
            fingerprint: config.fingerprint, inputs: ResumeManifest.identify((try? InputExpansion.expand(inputs)) ?? inputs),
            options: ["--text-field=\(fields.textField)", "--id-field=\(inputFields.idField)",
                      "--keep-fields=\(inputFields.keepFields ?? "")"] + inputOptions.manifestOptions,
            documentsDone: 0, chunksDone: 0, inputBytesDone: 0)
        let resumable: ResumableOutput?
        let sink: any RecordSink
        var databaseSink: (any DatabaseRecordSink)?
        var databaseSkip = 0
        var shards: TokenShardOutput?
        do {
            if let format = shardOutput.format {
                resumable = nil
                shards = try TokenShardOutput.make(
                    shardOutput, format: format, directory: outputOptions.outputDir, errors: outputOptions.errors, rejected: outputOptions.rejected,
                    config: config, inputIdentity: manifest, resume: resume)
                sink = shards!
            } else if let database = try databaseOptions.destination(output: outputOptions.output) {
                let opened = try databaseOptions.open(database, manifest: manifest, resume: resume, quiet: quiet)
                resumable = nil
                sink = opened.sink
                databaseSink = opened.sink
                databaseSkip = opened.skip
            } else if output == "-" && outputOptions.errors == nil && outputOptions.rejected == nil {
                resumable = nil
                sink = try OutputSink(path: "-")
            } else if !outputOptions.isResumableFile {
                resumable = nil
                sink = try makeRecordSink(
                    outputOptions.destination, errors: outputOptions.errors, rejected: outputOptions.rejected)
            } else {
                let opened = resume
                    ? try ResumableOutput.resume(output: output, manifest: manifest)
                    : try ResumableOutput.start(output: output, manifest: manifest)
                resumable = opened
                sink = opened.sink
            }
        } catch let error as OutputError {
            throw FatalError("output error: \(error)")
        } catch let error as ShardError {
            throw FatalError("output error: \(error)")
        }
        let skip = resumable?.skip ?? shards?.sink.resumeSkip ?? databaseSkip
        /// Where an interrupted run's records stay for --resume (nil: it cannot be continued).
        let keptIn = resumable != nil ? output + ".partial" : databaseSink?.destinationName ?? shards.map { _ in output }

        let backend = try ProcessingBackend.make(
            config: config, fields: fields, workers: workerCount, isolate: isolate, task: shards == nil ? .records : .tokenIDs,
            chunkTimeout: .milliseconds(Int(chunkTimeout * 1000)))
        defer { backend.shutdown() }

        let reader: ChunkSource
        do {
            reader = ChunkSource(
                try DocumentStream(paths: inputs, options: inputOptions.resolved(keepFields: fields.keepPaths.map { $0.joined(separator: ".") })),
                maxDocuments: flushLines ? 1 : chunkDocs, maxBytes: chunkBytes.value, lineRuns: backend.pool != nil)
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
        let totals = RunTotals(countsRejections: config.pipeline.stages.contains { $0.mayReject })
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
                    try sink.write(result)
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
            resumable?.recordStop(
                documents: totals.documents, chunks: totals.chunks, inputBytes: reader.chunker.reader.bytesRead)
        }
        if let failure {
            let kept = keptIn == nil ? "" : "; \(skip + totals.documents) records kept in \(keptIn!) (continue with --resume)"
            switch failure {
            case let error as InputError: throw FatalError("input error: \(error)\(kept)")
            case let error as OutputError: throw FatalError("output error: \(error)\(kept)")
            case let error as WorkerPoolError: throw FatalError("\(error)\(kept)")
            default: throw FatalError("\(failure)\(kept)")
            }
        }

        let pool = backend.pool?.statistics
        let summary = RunSummary(
            config: config, inputs: inputs, output: output,
            stats: totals.processingStats, bytesIn: reader.chunker.reader.bytesRead, bytesOut: sink.bytesWritten,
            seconds: (clock.now - started).seconds, workers: backend.pool == nil ? 0 : workerCount, pool: pool,
            resumedAfter: skip, interrupted: interrupted, rejectedByReason: totals.rejectedByReason)
        if interrupted {
            if !quiet { printError(summary.line) }
            printError("interrupted: \(skip + totals.documents) records in \(keptIn ?? "the output")\(keptIn == nil ? "" : "; continue with the same command and --resume")")
            if let stats { try writeFile(stats, summary.statsJSON) }
            throw InterruptSignal.exitStatus.exitCode
        }
        do {
            try sink.finish()
        } catch {
            throw FatalError("output error: \(error)")
        }
        resumable?.complete()
        if databaseSink == nil, let metadataPath = outputOptions.destination.metadataPath {
            try writeFile(metadataPath, summary.metadataJSON)
        }
        if let stats { try writeFile(stats, summary.statsJSON) }
        if !quiet { printError(summary.line) }
        if let shards, !quiet { printError(shards.summaryLine) }
        if totals.failed > 0 { throw ExitStatus.someDocumentsFailed.exitCode }
    }
}

/// The chunked input of a run (a class, so the runner's closures can share it).
/// With `lineRuns` (for a worker pool), JSONL travels as runs of raw lines (`DocumentChunker`).
final class ChunkSource {
    var chunker: DocumentChunker<DocumentStream>
    init(_ reader: DocumentStream, maxDocuments: Int, maxBytes: Int, lineRuns: Bool = false) {
        chunker = DocumentChunker(reader, maxDocuments: maxDocuments, maxBytes: maxBytes, lineRuns: lineRuns)
    }
}

/// Counts summed over delivered chunks.
final class RunTotals {
    var documents = 0
    var failed = 0
    var chunks = 0
    var invalidSequencesReplaced = 0
    /// Whether the pipeline can drop documents (then their records are counted per reason).
    let countsRejections: Bool
    var rejected = 0
    var rejectedByReason: [String: Int] = [:]

    init(countsRejections: Bool = false) { self.countsRejections = countsRejections }

    func add(_ result: ChunkResult) {
        documents += result.documentsOK + result.documentsFailed
        failed += result.documentsFailed
        chunks += 1
        invalidSequencesReplaced += result.invalidSequencesReplaced
        if countsRejections {
            RejectedRoutingRecordSink.forEachRejected(in: result.records, failedPositions: result.failedPositions) { _, reasons in
                rejected += 1
                for reason in reasons { rejectedByReason[reason, default: 0] += 1 }
            }
        }
    }

    var processingStats: ProcessingStats {
        var stats = ProcessingStats()
        stats.documentsOK = documents - failed
        stats.documentsFailed = failed
        stats.invalidSequencesReplaced = invalidSequencesReplaced
        stats.documentsRejected = rejected
        return stats
    }
}
