import ArgumentParser
import TextmillConfig
import TextmillRun

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

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions
    @OptionGroup var inputOptions: InputOptions

    @Option(help: "Worker processes (default: the number of cores). 1 processes in this process, unless --isolate.")
    var workers: Int?

    @Flag(help: "Use a worker process even with --workers 1 (crash and hang isolation).")
    var isolate = false

    @Option(help: "Documents per chunk, the unit of work sent to a worker.")
    var chunkDocs = RunRequest.defaultChunkDocs

    @Option(help: "Bytes per chunk (whichever of --chunk-docs and --chunk-bytes comes first); suffixes KiB, MiB.")
    var chunkBytes = ByteCount(RunRequest.defaultChunkBytes)

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

    /// The run these options ask for.
    var request: RunRequest {
        var request = RunRequest()
        request.inputs = inputs
        request.pipeline = pipelineOptions.choice
        request.textField = inputFields.textField
        request.idField = inputFields.idField
        request.keepFields = inputFields.keepFields
        inputOptions.fill(&request)
        outputOptions.fill(&request)
        databaseOptions.fill(&request)
        shardOutput.fill(&request)
        request.workers = workers
        request.isolate = isolate
        request.chunkDocs = chunkDocs
        request.chunkBytes = chunkBytes.value
        request.chunkTimeout = chunkTimeout
        request.unordered = unordered
        request.resume = resume
        request.flushLines = flushLines
        return request
    }

    func validate() throws {
        do { try request.validate() } catch { throw ValidationError(error.message) }
    }

    mutating func run() async throws {
        let config = try pipelineOptions.load()
        let observer = RunCommandObserver(showProgress: progress, quiet: quiet)
        let outcome: RunOutcome
        do {
            outcome = try await RunExecution(request: request, version: TextmillCommand.version).run(config: config, observer: observer)
        } catch {
            observer.finish()
            throw FatalError(error.message)
        }
        observer.finish()
        switch outcome {
        case .alreadyComplete(_, let failed):
            throw failed > 0 ? ExitStatus.someDocumentsFailed.exitCode : ExitCode.success
        case .stopped(let report):
            if !quiet { printError(report.summary.line) }
            let keptIn = report.keptIn
            printError("interrupted: \(report.kept) records in \(keptIn ?? "the output")\(keptIn == nil ? "" : "; continue with the same command and --resume")")
            if let stats { try writeFile(stats, report.summary.statsJSON) }
            throw InterruptSignal.exitStatus.exitCode
        case .finished(let report):
            if let stats { try writeFile(stats, report.summary.statsJSON) }
            if !quiet { printError(report.summary.line) }
            if let shardsLine = report.shardsLine, !quiet { printError(shardsLine) }
            if report.summary.stats.documentsFailed > 0 { throw ExitStatus.someDocumentsFailed.exitCode }
        }
    }
}
