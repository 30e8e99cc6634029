import ArgumentParser
import TextmillConfig
import TextmillPipeline
import TextmillVocab

/// `textmill vocab merge`: sums partial vocabularies (made on different machines or
/// partitions by `vocab build`) into the vocabulary one build over all their inputs gives.
struct VocabMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge vocabulary files built with the same pipeline.",
        discussion: """
            Counts, document frequencies and document totals are summed. All inputs must carry \
            the same pipeline fingerprint. Inputs pruned with --min-count/--max-size give a \
            warning: their merge is not what one build would give. With --preset or --config, \
            the inputs must also match that pipeline's fingerprint.
            """
    )

    @Argument(help: "Vocabulary files to merge.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output vocabulary file; - for standard output.")
    var output: String

    @Option(help: "Keep only terms occurring at least this often (after merging).")
    var minCount = 1

    @Option(help: "Keep at most this many terms, the most frequent.")
    var maxSize: Int?

    @OptionGroup var pipelineOptions: PipelineOptions

    @Option(help: "Distinct terms held in memory before counts are spilled to a sorted run on disk.")
    var memoryTerms = 4_000_000

    @Option(help: "Folder for spilled runs.")
    var spillDirectory = "/tmp"

    @Flag(help: "No summary on stderr.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one vocabulary file") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let maxSize, maxSize < 1 { throw ValidationError("--max-size must be at least 1") }
    }

    mutating func run() throws {
        var expected: String? = nil
        if pipelineOptions.preset != nil || pipelineOptions.config != nil {
            expected = try pipelineOptions.load().fingerprint
        }
        let reducer = VocabReducer(spillLimit: memoryTerms, spillDirectory: spillDirectory)
        var fingerprint: String? = expected
        for input in inputs {
            let vocabulary: TermVocabulary
            do {
                vocabulary = try TermVocabulary(bytes: FileBytes.read(input))
            } catch let error as FileBytes.ReadError {
                throw FatalError("cannot read \(error)")
            } catch {
                throw FatalError("\(input): \(error)")
            }
            if let fingerprint, vocabulary.fingerprint != fingerprint {
                throw FatalError(
                    "\(input): fingerprint \(vocabulary.fingerprint) differs from \(fingerprint)"
                        + (expected != nil ? " (the given pipeline's)" : " (\(inputs[0])'s)")
                        + ": these vocabularies were not made by the same pipeline")
            }
            fingerprint = vocabulary.fingerprint
            let pruning = vocabulary.headerFields.filter { $0.key == "min_count" || $0.key == "max_size" }
            if !pruning.isEmpty {
                printError("warning: \(input) was pruned (\(pruning.map { "\($0.key)=\($0.value)" }.joined(separator: " "))): "
                    + "the merge is not what one build over all inputs would give")
            }
            do { try reducer.add(vocabulary: vocabulary) } catch { throw FatalError("vocab error: \(error)") }
        }
        let rows: [VocabReducer.Row]
        do { rows = try reducer.finish(minCount: minCount, maxSize: maxSize) } catch { throw FatalError("vocab error: \(error)") }
        var header: [(String, String)] = []
        if minCount > 1 { header.append(("min_count", "\(minCount)")) }
        if let maxSize { header.append(("max_size", "\(maxSize)")) }
        try writeFile(output, VocabReducer.encode(rows, documents: reducer.documents, fingerprint: fingerprint ?? "", headerFields: header))
        if !quiet {
            printError("vocab merge: \(inputs.count) files, \(reducer.documents) documents, \(rows.count) terms written, \(reducer.spills) spilled runs")
        }
    }
}
