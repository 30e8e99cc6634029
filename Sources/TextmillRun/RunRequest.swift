import TextmillDatabase
import TextmillInput
import TextmillOutput
import TextmillPipeline
import TextmillShards

/// Everything `textmill run` can be asked to do, as one value: the CLI fills it from its
/// options, `job.submit` from a JSON object, and `RunExecution` carries it out. Both callers
/// share `validate()`, so a job is refused for exactly the reasons the command line is.
public struct RunRequest: Sendable, Equatable {
    /// Input files, directories or glob patterns; "-" is standard input (empty: standard input).
    public var inputs: [String] = []
    public var pipeline = PipelineChoice()

    // Input fields and formats (`InputFieldOptions`, `InputOptions`).
    public var textField = "text"
    public var idField = "id"
    public var keepFields: String?
    public var format: InputFormat = .auto
    public var split: TextSplit = .lines
    public var textColumn: String?
    public var idColumn: String?
    public var xpath: String?
    public var idXPath: String?
    public var maxDocBytes = 64 << 20

    // Where records go (`OutputOptions`, `DatabaseOptions`, `ShardOutputOptions`).
    public var output: String?
    public var outputDir: String?
    public var shardDocs: Int?
    public var gzip = false
    public var errors: String?
    public var rejected: String?
    public var sink: String?
    public var dbTable: String?
    public var dbColumns: String?
    public var dbBusyTimeout: Double = 5
    /// Seconds a PostgreSQL COPY stays open before its chunks are committed (0: every chunk).
    public var dbCommitInterval: Double = 1
    public var shards = ShardChoice()

    // How the work is done.
    /// Worker processes (nil: the number of cores).
    public var workers: Int?
    public var isolate = false
    public var chunkDocs = RunRequest.defaultChunkDocs
    public var chunkBytes = RunRequest.defaultChunkBytes
    /// A chunk below this many bytes takes more than `chunkDocs` documents (tiny documents);
    /// nil: `defaultChunkMinBytes` with the default `chunkDocs`, else 0 (a `chunkDocs` chosen
    /// by hand is kept exactly). See `effectiveChunkMinBytes`.
    public var chunkMinBytes: Int?
    public var chunkTimeout: Double = 120
    public var unordered = false
    public var resume = false
    public var flushLines = false

    /// Measured by the chunk-size sweep in BENCHMARKS.md.
    public static let defaultChunkDocs = 64
    public static let defaultChunkBytes = 1 << 20
    /// About what 64 documents of the benchmark corpus hold (so its chunks barely change),
    /// while one-word documents come ~440 to a chunk instead of 64: the coordinator's cost is
    /// mostly per chunk (BENCHMARKS.md, "Coordinator ceiling").
    public static let defaultChunkMinBytes = 16 << 10
    public static let defaultShardDocs = 100_000

    public init() {}

    /// The `minBytes` of the run's chunker.
    public var effectiveChunkMinBytes: Int {
        if flushLines { return 0 }
        return chunkMinBytes ?? (chunkDocs == Self.defaultChunkDocs ? Self.defaultChunkMinBytes : 0)
    }

    /// The output as messages name it: the database, the file, the shard directory, or "-".
    public var outputName: String { sink ?? outputDir ?? output ?? "-" }

    public var fields: InputFields {
        InputFields(textField: textField, idField: idField, keepFields: keepFields?.split(separator: ",").map { String($0) } ?? [])
    }

    /// The reader options; `keepFields` (from `--keep-fields`) names CSV/TSV columns to carry.
    public func inputOptions(keepFields: [String]) -> TextmillInput.InputOptions {
        TextmillInput.InputOptions(
            format: format, split: split, textColumn: textColumn.map(ColumnSelector.init),
            idColumn: idColumn.map(ColumnSelector.init), keepFields: keepFields, xpath: xpath, idXPath: idXPath,
            maxDocBytes: maxDocBytes)
    }

    /// The options that change which documents a run sees, for the resume manifest.
    var manifestOptions: [String] {
        ["--text-field=\(textField)", "--id-field=\(idField)", "--keep-fields=\(keepFields ?? "")",
         "--format=\(format.rawValue)", "--split=\(split.rawValue)", "--text-column=\(textColumn ?? "")",
         "--id-column=\(idColumn ?? "")", "--xpath=\(xpath ?? "")", "--id-xpath=\(idXPath ?? "")",
         "--max-doc-bytes=\(maxDocBytes)"]
    }

    /// Where the records go.
    public var destination: OutputDestination {
        if let outputDir { return .shards(directory: outputDir, docsPerShard: shardDocs ?? Self.defaultShardDocs, gzip: gzip) }
        return .file(output ?? "-")
    }

    /// A plain file that an interrupted run can continue (`--resume`): not compressed, not
    /// sharded, and with every record in it (error records counted as lines).
    public var isResumableFile: Bool {
        outputDir == nil && errors == nil && rejected == nil && !(output ?? "").hasSuffix(".gz") && outputTarget.isRegularFile
    }

    /// What `-o` names: a regular file (renamed into place, sidecars beside it), standard
    /// output, or a device or FIFO written directly.
    public var outputTarget: OutputTarget { OutputTarget(path: output ?? "-") }

    /// The database the run writes to, from `--sink` or an `-o` name ending in .sqlite/.db.
    public func databaseDestination() throws(RunFailure) -> DatabaseDestination? {
        if let sink {
            let parsed: DatabaseDestination?
            do { parsed = try DatabaseDestination(sink: sink) } catch { throw RunFailure("--sink: \(error)") }
            guard let parsed else { throw RunFailure("--sink \(sink): expected sqlite:PATH or postgresql://USER@HOST[:PORT]/DB") }
            return parsed
        }
        return output.flatMap { DatabaseDestination(outputPath: $0) }
    }

    /// The table: `--db-table`, else the URL's `?table=`, else the default; with `--db-columns`.
    public func databaseTable(_ destination: DatabaseDestination?) throws(RunFailure) -> DatabaseTable {
        do {
            let name = dbTable ?? destination?.tableParameter ?? DatabaseTable.defaultName
            return try DatabaseTable(name: name, typedColumns: try TypedColumn.parseList(dbColumns ?? ""))
        } catch {
            throw RunFailure("\(error)")
        }
    }

    /// Whether a run stopped early can be continued with `resume` (a plain file, a database, token shards).
    public var isResumable: Bool {
        if shards.format != nil { return true }
        if (try? databaseDestination()) != nil { return true }
        return outputName != "-" && !unordered && isResumableFile
    }

    /// Every path the run writes (the main output and the side files), for root checks and reports.
    public var writtenPaths: [String] {
        var paths: [String] = []
        if sink != nil, case .sqlite(let path, _)? = try? databaseDestination() { paths.append(path) }
        if let output { paths.append(output) }
        if let outputDir { paths.append(outputDir) }
        if let errors, errors != "-" { paths.append(errors) }
        if let rejected, rejected != "-" { paths.append(rejected) }
        return paths
    }
}
