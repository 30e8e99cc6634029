import ArgumentParser
import TextmillDatabase
import TextmillOutput

/// `--sink`, `--db-table`, `--db-columns`, `--db-busy-timeout`: records into a database table
/// (SQLite or PostgreSQL) instead of a file; `-o PATH.sqlite` or `-o PATH.db` means SQLite too.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Write records into a database: sqlite:PATH, or postgresql://USER@HOST[:PORT]/DB[?table=NAME] (password only from PGPASSWORD or ~/.pgpass; other PG* variables apply). -o PATH.sqlite or PATH.db means SQLite.")
    var sink: String?

    @Option(help: "The table for database output (default \(DatabaseTable.defaultName); lowercase letters, digits and _).")
    var dbTable: String?

    @Option(help: "Typed columns besides the record, comma-separated: \(TypedColumn.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dbColumns: String?

    @Option(help: "Seconds to wait for another connection's lock on an SQLite database before giving up.")
    var dbBusyTimeout: Double = 5

    /// The database the run writes to, from `--sink` or an `-o` name ending in .sqlite/.db.
    func destination(output: String?) throws -> DatabaseDestination? {
        do {
            if let sink {
                guard let destination = try DatabaseDestination(sink: sink) else {
                    throw ValidationError("--sink \(sink): expected sqlite:PATH or postgresql://USER@HOST[:PORT]/DB")
                }
                return destination
            }
        } catch let error as OutputError {
            throw ValidationError("--sink: \(error)")
        }
        return output.flatMap { DatabaseDestination(outputPath: $0) }
    }

    /// Options that cannot go with database output, checked before anything runs.
    func validate(output: OutputOptions, unordered: Bool) throws {
        let database = try destination(output: output.output)
        if sink != nil && (output.output != nil || output.outputDir != nil) {
            throw ValidationError("use either --sink or -o/--output-dir, not both")
        }
        guard database != nil else {
            if dbTable != nil || dbColumns != nil { throw ValidationError("--db-table and --db-columns need database output (--sink, or -o PATH.sqlite)") }
            return
        }
        if output.errors != nil { throw ValidationError("database output keeps error records in the table (error_code, error_message); drop --errors") }
        if unordered { throw ValidationError("database output numbers documents by input position; drop --unordered") }
        if !(dbBusyTimeout >= 0) { throw ValidationError("--db-busy-timeout must be a number of seconds") }
        _ = try table(database)
    }

    /// The table: `--db-table`, else the URL's `?table=`, else the default; with `--db-columns`.
    func table(_ destination: DatabaseDestination?) throws -> DatabaseTable {
        do {
            let name = dbTable ?? destination?.tableParameter ?? DatabaseTable.defaultName
            return try DatabaseTable(name: name, typedColumns: try TypedColumn.parseList(dbColumns ?? ""))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Opens the sink and starts, continues or restarts the run. A run that is already complete
    /// in the table makes the whole command a no-op: it says so and exits (1 if that run had
    /// failed documents, as it did then).
    func open(_ destination: DatabaseDestination, manifest: ResumeManifest, resume: Bool, quiet: Bool) throws -> (sink: any DatabaseRecordSink, skip: Int) {
        let table = try self.table(destination)
        let runKey = manifest.runKey
        do {
            let sink = try destination.open(table: table, runKey: runKey, busyTimeout: dbBusyTimeout)
            switch sink.priorRun {
            case .complete(let documents, let failed):
                sink.abandon()
                if !quiet {
                    printError("\(sink.destinationName): run \(runKey) is already complete in table \(table.name) (\(documents) rows, \(failed) failed); nothing to do")
                }
                throw failed > 0 ? ExitStatus.someDocumentsFailed.exitCode : ExitCode.success
            case .interrupted(let documents) where !resume && !quiet:
                printError("\(sink.destinationName): discarding \(documents) rows of an interrupted run \(runKey) and starting over (--resume continues it instead)")
            default: break
            }
            let skip = try sink.begin(resume: resume, description: manifest.json)
            return (sink, skip)
        } catch let error as OutputError {
            throw FatalError("output error: \(error)")
        }
    }
}
