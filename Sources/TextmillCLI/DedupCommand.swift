import ArgumentParser
import TextmillConfig
import TextmillCuration
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillPool
import TextmillProcessing
import TextmillRun

/// `textmill dedup`: removes exact and near duplicates, keeping the first document of each
/// cluster, and accounts for every removed one.
///
/// Pass 1 runs the pipeline (default `icu-words`: NFKC_Casefold and ICU words) on the worker
/// pool (`DedupMapProcessor`): the normalized text's hash, the word 5-gram set and its MinHash
/// signature (14 bands × 8 rows). The coordinator buckets band keys with bounded memory
/// (`DuplicateFinder`: sorted runs spilled to disk, k-way merged; ids, n-gram sets and verdicts
/// on disk too), verifies each candidate by the real Jaccard similarity of the n-gram sets, and
/// joins duplicates into clusters. Pass 2 rereads the inputs and writes each kept document's
/// line unchanged to `-o`, and for each removed one a record naming the document it duplicates
/// to `--removed`.
struct DedupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Remove exact and near-duplicate documents (MinHash LSH, verified), keeping the first of each cluster.",
        discussion: """
            Removed records: {"id": …, "duplicate_of": <kept id>, "matched": <id it was compared with>, \
            "jaccard": x, "kind": "exact"|"near", "file": …, "line": …}. Documents that fail (bad JSON, …) \
            are reported on stderr, left out of both files, and the command exits 1.
            """
    )

    @Argument(help: "Input files (JSONL or any format `run` reads); - for standard input is not allowed (two passes).")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "Kept documents: each one's input line, unchanged (needs inputs).")
    var output: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Records with a `minhash` field (a `run` with the `minhash` stage, e.g. under Spark) instead of computing signatures; "
            + "one per input document, in input order. Without inputs, only --removed is written.", valueName: "file"))
    var signatures: [String] = []

    @Option(help: "Removed documents: one record each, naming the kept document it duplicates.")
    var removed: String

    @Option(help: "Word 5-gram Jaccard similarity from which two documents are near duplicates.")
    var threshold = 0.8

    @Flag(help: "Only exact duplicates (same normalized text); no MinHash.")
    var exactOnly = false

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions

    @Option(help: "Documents per chunk (the unit of the signature step).")
    var chunkDocs = 256

    @Option(help: ArgumentHelp(
        "Entries of each external sort (band keys: documents × 14; candidate pairs) held in memory before a sorted run is spilled to disk (16 bytes each). "
            + "Everything per document is on disk, so this bounds the clustering's memory (about 40 bytes × this, plus fixed buffers) whatever the corpus size."))
    var memoryEntries = 4_000_000

    @Option(help: "Folder for spilled runs, ids, n-gram sets and verdicts (about 8 bytes a word plus 450 bytes a document).")
    var spillDirectory = "/tmp"

    @Option(help: "Largest document in bytes; a larger one fails.")
    var maxDocBytes = 64 << 20

    @Option(help: "Threads for clustering: merging the band buckets and verifying candidates (default: the number of cores).")
    var threads: Int?

    @Option(help: "Worker processes for the signature step (default: the number of cores); 1 computes in this process.")
    var workers: Int?

    @Option(help: "Seconds a worker may work on one chunk before it is killed and the chunk retried.")
    var chunkTimeout: Double = 120

    @Flag(help: "No summary on stderr (document errors are still reported).")
    var quiet = false

    func validate() throws {
        if inputs.contains("-") || signatures.contains("-") {
            throw ValidationError("dedup reads its inputs twice: name files, not standard input")
        }
        if inputs.isEmpty && signatures.isEmpty { throw ValidationError("name the inputs, or --signatures files") }
        if !inputs.isEmpty && output == nil { throw ValidationError("-o is needed for the kept documents") }
        if inputs.isEmpty && output != nil { throw ValidationError("-o writes kept input documents: name the inputs too") }
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if chunkDocs < 1 { throw ValidationError("--chunk-docs must be at least 1") }
        if memoryEntries < 1 { throw ValidationError("--memory-entries must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if output == removed { throw ValidationError("--removed must be another file than the output") }
        if exactOnly && !signatures.isEmpty { throw ValidationError("--exact-only computes its own signatures: leave out --signatures") }
    }

    mutating func run() async throws {
        let config = try pipelineOptions.load()
        let fields = inputFields.fields
        let workerCount = workers ?? ProcessEnvironment.availableCores()
        // With --signatures nothing is computed: no worker pool.
        let backend = signatures.isEmpty
            ? try ProcessingBackend.make(
                config: config, fields: fields, workers: workerCount, task: .dedup, chunkTimeout: .milliseconds(Int(chunkTimeout * 1000)))
            : nil
        defer { backend?.shutdown() }

        var options = DuplicateFinder.Options()
        options.threshold = threshold
        options.memoryEntries = memoryEntries
        options.spillDirectory = spillDirectory
        options.threads = threads ?? ProcessEnvironment.availableCores()
        let finder: DuplicateFinder
        do { finder = try DuplicateFinder(options: options) } catch { throw FatalError("dedup: \(error)") }
        let inputOptions = TextmillInput.InputOptions(maxDocBytes: maxDocBytes)
        // Failed and rejected documents are in neither file; their positions go to disk (a
        // filtered corpus can reject most of its documents), the first error records are kept
        // for the report.
        let leftOut: LeftOutOrdinals
        do { leftOut = try LeftOutOrdinals(directory: spillDirectory) } catch { throw FatalError("dedup: \(error)") }
        var failedCount = 0
        var skippedCount = 0
        var errorRecords: [[UInt8]] = []
        let failed = { (ordinal: Int, record: [UInt8]) throws(DedupError) in
            try leftOut.append(ordinal)
            failedCount += 1
            if errorRecords.count < Self.reportedErrors { errorRecords.append(record) }
        }
        if let backend {
            try await computeSignatures(backend: backend, into: finder, inputOptions: inputOptions, failed: failed)
        } else {
            try readSignatures(into: finder, inputOptions: inputOptions, failed: failed, skipped: { ordinal throws(DedupError) in
                try leftOut.append(ordinal)
                skippedCount += 1
            })
        }
        do { try finder.finish() } catch { throw FatalError("dedup: \(error)") }

        // Pass 2: the same documents again, each written to the kept or the removed file.
        var kept = 0
        do {
            let keptFile = try output.map { path throws(OutputError) in try RecordFile(path: path) }
            let removedFile = try RecordFile(path: removed)
            let stream = try DocumentStream(paths: inputs.isEmpty ? signatures : inputs, options: inputOptions)
            var doc = 0
            var ordinal = 0
            var out = JSONWriter(capacity: 1 << 16)
            while let document = try stream.next() {
                defer { ordinal += 1 }
                if try leftOut.contains(ordinal) { continue }
                guard doc < finder.documents else {
                    throw FatalError("dedup: the inputs hold more documents than the signatures (\(finder.documents))")
                }
                defer { doc += 1 }
                out.bytes.removeAll(keepingCapacity: true)
                if let d = try finder.duplicate(of: doc) {
                    out.raw(Array(#"{"id":"#.utf8))
                    out.raw(try finder.id(of: doc))
                    out.raw(Array(#","duplicate_of":"#.utf8))
                    out.raw(try finder.id(of: d.kept))
                    out.raw(Array(#","matched":"#.utf8))
                    out.raw(try finder.id(of: d.matched))
                    out.comma()
                    out.key("jaccard")
                    out.double((d.jaccard * 10_000).rounded() / 10_000)
                    out.comma()
                    out.key("kind")
                    out.string(d.kind.rawValue)
                    out.comma()
                    out.key("file")
                    out.string(document.locator.source)
                    out.comma()
                    out.key("line")
                    out.int(document.locator.line)
                    out.endObject()
                    out.newline()
                    try removedFile.write(out.bytes)
                } else {
                    kept += 1
                    if let keptFile {
                        // A JSONL line is written as it came: only other formats need the id.
                        let id: [UInt8] = if case .jsonLine = document.payload { [] } else { try finder.id(of: doc) }
                        Self.writeOriginal(document, id, &out)
                        try keptFile.write(out.bytes)
                    }
                }
            }
            if doc < finder.documents {
                throw FatalError("dedup: the inputs hold fewer documents (\(doc)) than the signatures (\(finder.documents))")
            }
            try keptFile?.finish()
            try removedFile.finish()
        } catch let error as InputError {
            throw FatalError("input error: \(error)")
        } catch let error as OutputError {
            throw FatalError("output error: \(error)")
        } catch let error as DedupError {
            throw FatalError("dedup: \(error)")
        }
        VocabBuildCommand.report(errorRecords: errorRecords)
        if failedCount > errorRecords.count { printError("… and \(failedCount - errorRecords.count) more failed documents") }
        if !quiet {
            let removedCount = finder.removedCount, exact = finder.exactCount
            printError(
                "dedup: \(finder.documents + failedCount + skippedCount) documents: \(kept) kept, \(removedCount) removed "
                    + "(\(exact) exact, \(removedCount - exact) near), \(failedCount) failed; "
                    + (skippedCount == 0 ? "" : "\(skippedCount) rejected records skipped; ")
                    + "\(finder.comparisons) candidate pairs verified on \(finder.options.threads) threads, \(finder.spilledRuns) runs spilled; "
                    + "pipeline \(config.name) \(config.fingerprint)")
        }
        if failedCount > 0 { throw ExitStatus.someDocumentsFailed.exitCode }
    }

    /// Pass 1 on the worker pool: each document's signature, in input order, into `finder`.
    private func computeSignatures(
        backend: ProcessingBackend, into finder: DuplicateFinder, inputOptions: TextmillInput.InputOptions,
        failed: (Int, [UInt8]) throws(DedupError) -> Void
    ) async throws {
        let exactOnly = self.exactOnly
        let workerCount = backend.pool == nil ? 1 : (workers ?? ProcessEnvironment.availableCores())
        do {
            let source = ChunkSource(try DocumentStream(paths: inputs, options: inputOptions), maxDocuments: chunkDocs, maxBytes: 1 << 30)
            var ordinal = 0
            try await ChunkStreamRunner(processor: backend.processor, maxOutstanding: workerCount * 2 + 2)
                .run(next: { try source.chunker.next() }) { result in
                    guard case .signatures(let signatures) = result.payload, signatures.count == result.documentsOK else {
                        throw FatalError("dedup: chunk \(result.index) came without a signature for each document")
                    }
                    var next = signatures.makeIterator()
                    try result.forEachLine { _, line, failure in
                        if failure != nil {
                            try failed(ordinal, Array(result.records[line]))
                        } else if let s = next.next() {
                            try finder.add(id: s.id, exactHash: s.exactHash, signature: s.minHash, shingles: exactOnly ? [] : s.shingles)
                        }
                        ordinal += 1
                    }
                }
        } catch let error as InputError {
            throw FatalError("input error: \(error)")
        } catch let error as WorkerPoolError {
            throw FatalError("\(error)")
        } catch let error as DedupError {
            throw FatalError("dedup: \(error)")
        }
    }

    /// Pass 1 from `--signatures`: each record's `minhash` field into `finder`; error records
    /// are failures, rejected records (a filter of the signature run dropped them) are skipped.
    private func readSignatures(
        into finder: DuplicateFinder, inputOptions: TextmillInput.InputOptions, failed: (Int, [UInt8]) throws(DedupError) -> Void,
        skipped: (Int) throws(DedupError) -> Void
    ) throws {
        var options = inputOptions
        options.format = .jsonl
        do {
            let stream = try DocumentStream(paths: signatures, options: options)
            var ordinal = 0
            while let document = try stream.next() {
                defer { ordinal += 1 }
                let place = "\(document.locator.source):\(document.locator.line)"
                guard case .jsonLine(let line) = document.payload, let record = try? JSONValue.parse(line) else {
                    throw FatalError("\(place): not a JSON record")
                }
                if record["rejected"] != nil {
                    try skipped(ordinal)
                    continue
                }
                if record["error"] != nil {
                    try failed(ordinal, line)
                    continue
                }
                guard let id = record["id"], let value = record["minhash"] else {
                    throw FatalError("\(place): a signature record needs `id` and `minhash` (a run whose pipeline ends with the minhash stage)")
                }
                guard let field = MinHashField(value) else { throw FatalError("\(place): the minhash field is malformed") }
                try finder.add(id: Array(id.jsonText.utf8), exactHash: field.exactHash, bandKeys: field.bandKeys, shingles: field.shingles)
            }
        } catch let error as InputError {
            throw FatalError("input error: \(error)")
        } catch let error as DedupError {
            throw FatalError("dedup: \(error)")
        }
    }

    /// Error records kept for the report on stderr (it shows this many).
    static let reportedErrors = 50

    /// A kept document as it came: its JSONL line, or for other formats `{"id":…,"text":…}`.
    static func writeOriginal(_ document: InputDocument, _ id: [UInt8], _ out: inout JSONWriter) {
        switch document.payload {
        case .jsonLine(let line):
            out.raw(line)
        case .extracted(_, let text, _):
            out.raw(Array(#"{"id":"#.utf8))
            out.raw(id)
            out.comma()
            out.key("text")
            out.string(String(decoding: text, as: UTF8.self))
            out.endObject()
        case .unreadable:
            return
        }
        out.newline()
    }
}
