import ArgumentParser
import TextmillConfig
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillPool
import TextmillProcessing
import TextmillVocab

/// `textmill vocab build`: runs the pipeline over the inputs and counts its terms (its
/// n-grams, or its tokens when it makes none) into a vocabulary file.
///
/// The map step (`VocabMapProcessor`, a `ChunkProcessing`) runs on the worker pool, chunk by
/// chunk, exactly like `run` (same readers, same crash isolation); the coordinator reduces the
/// partial counts, spilling sorted runs to disk past `--memory-terms` distinct terms, so memory
/// stays bounded and the result is exact.
struct VocabBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Count the pipeline's terms over the inputs (any input format, as for run) into a vocabulary file.",
        discussion: """
            Documents that fail become error messages on stderr (file, line, code) and are not \
            counted; the vocabulary is still written and the command exits 1.
            """
    )

    @Argument(help: "Input files, directories or glob patterns in any format `run` reads (JSONL, text, CSV/TSV, XML, HTML, gzip); - for standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output vocabulary file; - for standard output.")
    var output: String

    @Option(help: "Keep only terms occurring at least this often (in all documents together).")
    var minCount = 1

    @Option(help: "Keep at most this many terms, the most frequent.")
    var maxSize: Int?

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions
    @OptionGroup var inputOptions: InputOptions

    @Option(help: "Documents per chunk (the unit of the map step).")
    var chunkDocs = 1000

    @Option(help: "Distinct terms held in memory before counts are spilled to a sorted run on disk.")
    var memoryTerms = 4_000_000

    @Option(help: "Folder for spilled runs.")
    var spillDirectory = "/tmp"

    @Option(help: "Worker processes for the map step (default: the number of cores); 1 maps in this process.")
    var workers: Int?

    @Flag(help: "Use a worker process even with --workers 1.")
    var isolate = false

    @Option(help: "Seconds a worker may work on one chunk before it is killed and the chunk retried.")
    var chunkTimeout: Double = 120

    @Flag(help: "No summary on stderr (document errors are still reported).")
    var quiet = false

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let maxSize, maxSize < 1 { throw ValidationError("--max-size must be at least 1") }
        if chunkDocs < 1 { throw ValidationError("--chunk-docs must be at least 1") }
        if memoryTerms < 1 { throw ValidationError("--memory-terms must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if !(chunkTimeout > 0) { throw ValidationError("--chunk-timeout must be a positive number of seconds") }
    }

    mutating func run() async throws {
        let config = try pipelineOptions.load()
        let fields = inputFields.fields
        let workerCount = workers ?? ProcessEnvironment.availableCores()
        let backend = try ProcessingBackend.make(
            config: config, fields: fields, workers: workerCount, isolate: isolate, task: .vocab,
            chunkTimeout: .milliseconds(Int(chunkTimeout * 1000)))
        defer { backend.shutdown() }

        let reducer = VocabReducer(spillLimit: memoryTerms, spillDirectory: spillDirectory)
        let source: ChunkSource
        do {
            source = ChunkSource(
                try DocumentStream(paths: inputs, options: inputOptions.resolved(keepFields: [])),
                maxDocuments: chunkDocs, maxBytes: 1 << 30)
        } catch {
            throw FatalError("input error: \(error)")
        }
        let rows: [VocabReducer.Row]
        do {
            // Order does not change the counts, but it keeps the error report in input order.
            try await ChunkStreamRunner(
                processor: backend.processor, maxOutstanding: backend.pool == nil ? 1 : workerCount * 2 + 2
            ).run(next: { try source.chunker.next() }) { result in
                try reducer.add(result)
            }
            rows = try reducer.finish(minCount: minCount, maxSize: maxSize)
        } catch let error as InputError {
            throw FatalError("input error: \(error)")
        } catch let error as VocabReducer.ReduceError {
            throw FatalError("vocab error: \(error)")
        } catch let error as WorkerPoolError {
            throw FatalError("\(error)")
        }
        let result = (reducer: reducer, documentsRead: source.chunker.documentsRead)
        var header: [(String, String)] = []
        if minCount > 1 { header.append(("min_count", "\(minCount)")) }
        if let maxSize { header.append(("max_size", "\(maxSize)")) }
        try writeFile(
            output, VocabReducer.encode(rows, documents: reducer.documents, fingerprint: config.fingerprint, headerFields: header))
        VocabBuildCommand.report(errorRecords: reducer.errorRecords)
        if !quiet {
            printError(
                "vocab: \(result.documentsRead) documents: \(reducer.documents) counted, \(reducer.errorRecords.count) failed; "
                    + "\(rows.count) terms written, \(reducer.spills) spilled runs"
                    + (reducer.skippedTerms > 0 ? ", \(reducer.skippedTerms) terms with tab/CR/LF skipped" : "")
                    + "; pipeline \(config.name) \(config.fingerprint)")
        }
        if !reducer.errorRecords.isEmpty { throw ExitStatus.someDocumentsFailed.exitCode }
    }

    /// One stderr line per failed document: `file:line: id …: code: message` (first 50).
    static func report(errorRecords: [[UInt8]]) {
        for record in errorRecords.prefix(50) {
            guard let value = try? JSONValue.parse(record), let error = value["error"] else { continue }
            let file = error["file"]?.stringValue ?? "?"
            let line = error["line"]?.intValue ?? 0
            printError("\(file):\(line): id \(value["id"]?.jsonText ?? "?"): \(error["code"]?.stringValue ?? "?"): \(error["message"]?.stringValue ?? "")")
        }
        if errorRecords.count > 50 { printError("… and \(errorRecords.count - 50) more failed documents") }
    }
}
