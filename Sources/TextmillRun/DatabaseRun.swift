import TextmillDatabase
import TextmillOutput

/// A run into a database table, opened: the sink and how many documents an earlier run of the
/// same job already stored, or the news that the job is already complete there.
enum DatabaseRun {
    case opened(sink: any DatabaseRecordSink, skip: Int)
    case alreadyComplete(documents: Int, failed: Int)

    /// Opens the sink and starts, continues or restarts the run; `notice` hears what happens to
    /// rows an earlier run left.
    static func open(
        _ destination: DatabaseDestination, request: RunRequest, manifest: ResumeManifest, notice: (String) -> Void
    ) throws(RunFailure) -> DatabaseRun {
        let table = try request.databaseTable(destination)
        let runKey = manifest.runKey
        do {
            // With --flush-lines each record is committed as it comes (a driver may wait for it).
            let commitInterval = request.flushLines ? .zero : Duration.milliseconds(Int64((request.dbCommitInterval * 1000).rounded()))
            let sink = try destination.open(
                table: table, runKey: runKey, busyTimeout: request.dbBusyTimeout, commitInterval: commitInterval)
            switch sink.priorRun {
            case .complete(let documents, let failed):
                sink.abandon()
                notice("\(sink.destinationName): run \(runKey) is already complete in table \(table.name) (\(documents) rows, \(failed) failed); nothing to do")
                return .alreadyComplete(documents: documents, failed: failed)
            case .interrupted(let documents) where !request.resume:
                notice("\(sink.destinationName): discarding \(documents) rows of an interrupted run \(runKey) and starting over (--resume continues it instead)")
            default: break
            }
            let skip = try sink.begin(resume: request.resume, description: manifest.json)
            return .opened(sink: sink, skip: skip)
        } catch {
            throw RunFailure("output error: \(error)", kind: .output)
        }
    }
}
