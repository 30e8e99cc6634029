import ArgumentParser
import TextmillConfig
import TextmillDocuments
import TextmillInput
import TextmillJSON
import TextmillOutput
import TextmillPipeline
import TextmillVocab

/// `textmill vocab build`: runs the pipeline over the inputs and counts its terms (its
/// n-grams, or its tokens when it makes none) into a vocabulary file.
///
/// The map step (`VocabMapProcessor`, a `ChunkProcessing`) runs here chunk by chunk, in this
/// process; the reduce step spills sorted runs to disk past `--memory-terms` distinct terms,
/// so memory stays bounded and the result is exact.
struct VocabBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Count the pipeline's terms over JSONL inputs into a vocabulary file.",
        discussion: """
            Documents that fail become error messages on stderr (file, line, code) and are not \
            counted; the vocabulary is still written and the command exits 1.
            """
    )

    @Argument(help: "Input JSONL files; - for standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output vocabulary file; - for standard output.")
    var output: String

    @Option(help: "Keep only terms occurring at least this often (in all documents together).")
    var minCount = 1

    @Option(help: "Keep at most this many terms, the most frequent.")
    var maxSize: Int?

    @OptionGroup var pipelineOptions: PipelineOptions
    @OptionGroup var inputFields: InputFieldOptions

    @Option(help: "Documents per chunk (the unit of the map step).")
    var chunkDocs = 1000

    @Option(help: "Distinct terms held in memory before counts are spilled to a sorted run on disk.")
    var memoryTerms = 4_000_000

    @Option(help: "Folder for spilled runs.")
    var spillDirectory = "/tmp"

    @Option(help: "Largest document (input line) in bytes; a larger one fails.")
    var maxDocBytes = 64 << 20

    @Flag(help: "No summary on stderr (document errors are still reported).")
    var quiet = false

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let maxSize, maxSize < 1 { throw ValidationError("--max-size must be at least 1") }
        if chunkDocs < 1 { throw ValidationError("--chunk-docs must be at least 1") }
        if memoryTerms < 1 { throw ValidationError("--memory-terms must be at least 1") }
    }

    mutating func run() throws {
        let config = try pipelineOptions.load()
        let pipeline = try pipelineOptions.pipeline(of: config)
        let map: VocabMapProcessor
        do { map = try VocabMapProcessor(pipeline: pipeline, fields: inputFields.fields) } catch {
            throw FatalError("cannot start the pipeline: \(error)")
        }
        var build = VocabBuild()
        build.chunkDocuments = chunkDocs
        build.spillLimit = memoryTerms
        build.spillDirectory = spillDirectory
        build.maxDocBytes = maxDocBytes
        let result: VocabBuild.Result
        let rows: [VocabReducer.Row]
        do {
            result = try build.run(inputs: inputs) { map.processSync($0) }
            rows = try result.reducer.finish(minCount: minCount, maxSize: maxSize)
        } catch let error as InputError {
            throw FatalError("input error: \(error)")
        } catch let error as VocabReducer.ReduceError {
            throw FatalError("vocab error: \(error)")
        }
        let reducer = result.reducer
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
