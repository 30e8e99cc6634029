import TextmillConfig
import TextmillDatabase
import TextmillDocuments
import TextmillInput
import TextmillOutput
import TextmillPipeline
import TextmillPool
import TextmillProcessing
import TextmillShards

/// `textmill run`'s composition, callable as a library: inputs → chunker → processing backend →
/// reordering → `RecordSink`, with resume, progress and stopping. The CLI and the server's jobs
/// both run this, so a job's output is byte for byte what `textmill run` writes.
public struct RunExecution: Sendable {
    public let request: RunRequest
    /// The textmill version recorded in the output's metadata.
    public let version: String
    public let backends: any BackendProvider

    /// `request` should have passed `validate()`.
    public init(request: RunRequest, version: String, backends: any BackendProvider = FreshBackends()) {
        self.request = request
        self.version = version
        self.backends = backends
    }

    /// Runs to the end, or until `observer` asks to stop. Throws when the run cannot start or
    /// cannot go on; what was written stays resumable where the output allows it (the message
    /// says where).
    public func run(config: PipelineConfig, observer: any RunObserver) async throws(RunFailure) -> RunOutcome {
        let request = self.request
        let fields = request.fields
        let inputs = request.inputs.isEmpty ? ["-"] : request.inputs
        let output = request.outputName
        let workerCount = request.workers ?? ProcessEnvironment.availableCores()
        let clock = ContinuousClock()
        let started = clock.now

        // Where records go, and (for a plain file) how a later --resume continues.
        let manifest = ResumeManifest(
            fingerprint: config.fingerprint, inputs: ResumeManifest.identify((try? InputExpansion.expand(inputs)) ?? inputs),
            options: request.manifestOptions, documentsDone: 0, chunksDone: 0, inputBytesDone: 0)
        var resumable: ResumableOutput?
        let sink: any RecordSink
        var databaseSink: (any DatabaseRecordSink)?
        var databaseSkip = 0
        var shards: TokenShardOutput?
        do {
            if let format = request.shards.format {
                shards = try TokenShardOutput.make(
                    request.shards, format: format, directory: request.outputDir, errors: request.errors, rejected: request.rejected,
                    config: config, inputIdentity: manifest, resume: request.resume)
                sink = shards!
            } else if let database = try request.databaseDestination() {
                switch try DatabaseRun.open(database, request: request, manifest: manifest, notice: observer.notice) {
                case .alreadyComplete(let documents, let failed):
                    return .alreadyComplete(documents: documents, failed: failed)
                case .opened(let opened, let skip):
                    sink = opened
                    databaseSink = opened
                    databaseSkip = skip
                }
            } else if output == "-" && request.errors == nil && request.rejected == nil {
                sink = try OutputSink(path: "-")
            } else if !request.isResumableFile {
                sink = try makeRecordSink(request.destination, errors: request.errors, rejected: request.rejected)
            } else {
                let opened = request.resume
                    ? try ResumableOutput.resume(output: output, manifest: manifest)
                    : try ResumableOutput.start(output: output, manifest: manifest)
                resumable = opened
                sink = opened.sink
            }
        } catch let error as RunFailure {
            throw error
        } catch let error as OutputError {
            throw RunFailure.output(error)
        } catch let error as ShardError {
            throw RunFailure.output(error)
        } catch {
            throw RunFailure("\(error)")
        }
        let skip = resumable?.skip ?? shards?.sink.resumeSkip ?? databaseSkip
        /// Where an interrupted run's records stay for --resume (nil: it cannot be continued).
        let keptIn = resumable != nil ? output + ".partial" : databaseSink?.destinationName ?? shards.map { _ in output }
        /// What a failure message adds about them.
        func keptNote(_ records: Int) -> String {
            keptIn.map { "; \(records) records kept in \($0) (continue with --resume)" } ?? ""
        }

        let backend: ProcessingBackend
        do {
            backend = try backends.acquire(
                config: config, fields: fields, workers: workerCount, isolate: request.isolate,
                task: shards?.workerTask ?? .records, chunkTimeout: .milliseconds(Int(request.chunkTimeout * 1000)))
        } catch {
            sink.suspend()
            throw RunFailure(error.description, kind: .transient)
        }
        defer { backends.release(backend) }
        let restartsBefore = backend.pool?.statistics.workerRestarts ?? 0
        // A database sink inserts on a thread of its own, beside the pool's dispatcher, which would
        // otherwise wait for every insert while the workers wait for it. Not with --flush-lines
        // (each record is written before the next line is read) nor in process (no dispatcher).
        let recordSink: any RecordSink =
            databaseSink != nil && backend.pool != nil && !request.flushLines ? BackgroundRecordSink(sink) : sink

        let reader: ChunkSource
        do {
            reader = ChunkSource(
                try DocumentStream(
                    paths: inputs, options: request.inputOptions(keepFields: fields.keepPaths.map { $0.joined(separator: ".") })),
                maxDocuments: request.flushLines ? 1 : request.chunkDocs, minBytes: request.effectiveChunkMinBytes,
                maxBytes: request.chunkBytes, lineRuns: backend.pool != nil)
        } catch {
            recordSink.abandon()
            throw RunFailure("input error: \(error)", kind: .input)
        }
        if skip > 0 {
            let skipped: Int
            do {
                skipped = try reader.chunker.skip(skip)
            } catch {
                recordSink.suspend()
                throw RunFailure("input error: \(error)", kind: .input)
            }
            if skipped < skip {
                recordSink.suspend()
                throw RunFailure("cannot resume: the output has \(skip) records but the input only \(skipped) documents", kind: .input)
            }
        }

        observer.starting(totalBytes: reader.chunker.reader.totalBytes)
        let totals = RunTotals(countsRejections: config.pipeline.stages.contains { $0.mayReject })
        func progress() -> RunProgress {
            var now = RunProgress()
            now.documents = totals.documents
            now.failed = totals.failed
            now.bytesRead = reader.chunker.reader.bytesRead
            now.totalBytes = reader.chunker.reader.totalBytes
            now.bytesWritten = recordSink.bytesWritten
            now.workersAlive = backend.pool?.statistics.workersAlive ?? 1
            now.workerRestarts = (backend.pool?.statistics.workerRestarts ?? 0) - restartsBefore
            now.resumedAfter = skip
            return now
        }
        let runner = ChunkStreamRunner(
            processor: backend.processor,
            // With --flush-lines, each record is written before the next line is read: reading
            // blocks on a pipe that its driver only feeds after seeing the previous answer.
            maxOutstanding: backend.pool == nil || request.flushLines ? 1 : workerCount * 2 + 2, ordered: !request.unordered)
        var failure: (any Error)?
        var stopped = false
        do {
            try await runner.run(
                next: { try reader.chunker.next() },
                shouldStop: {
                    if observer.shouldStop { stopped = true }
                    return stopped
                },
                deliver: { result in
                    try recordSink.write(result)
                    totals.add(result)
                    observer.progress(progress(), final: false)
                })
        } catch {
            failure = error
        }
        observer.progress(progress(), final: true)

        if failure != nil || stopped {
            // Keep what was written: a valid prefix of the output, which --resume continues.
            recordSink.suspend()
            resumable?.recordStop(
                documents: totals.documents, chunks: totals.chunks, inputBytes: reader.chunker.reader.bytesRead)
        }
        // A database sink commits after some chunks, and counts only what the server confirmed.
        let keptRecords = databaseSink?.documentsCommitted ?? skip + totals.documents
        if let failure {
            let kept = keptNote(keptRecords)
            switch failure {
            case let error as InputError: throw RunFailure("input error: \(error)\(kept)", kind: .input)
            case let error as OutputError: throw RunFailure.output(error, kept: kept)
            case let error as WorkerPoolError: throw RunFailure("\(error)\(kept)", kind: .transient)
            default: throw RunFailure("\(failure)\(kept)")
            }
        }

        let summary = RunSummary(
            version: version, config: config, inputs: inputs, output: output,
            stats: totals.processingStats, bytesIn: reader.chunker.reader.bytesRead, bytesOut: recordSink.bytesWritten,
            seconds: (clock.now - started).seconds, workers: backend.pool == nil ? 0 : workerCount, pool: backend.pool?.statistics,
            resumedAfter: skip, interrupted: stopped, rejectedByReason: totals.rejectedByReason)
        let report = RunReport(summary: summary, keptIn: keptIn, shardsLine: shards?.summaryLine, skipped: skip, kept: keptRecords)
        if stopped { return .stopped(report) }
        do {
            try recordSink.finish()
        } catch {
            // A database write that failed on the sink's own thread may surface only here; count
            // what the database holds now.
            throw RunFailure.output(error, kept: databaseSink.map { keptNote($0.documentsCommitted) } ?? "")
        }
        resumable?.complete()
        if databaseSink == nil, let metadataPath = request.destination.metadataPath {
            try SmallFile.write(metadataPath, summary.metadataJSON)
        }
        return .finished(RunReport(summary: summary, keptIn: keptIn, shardsLine: shards?.summaryLine, skipped: skip, kept: skip + totals.documents))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
