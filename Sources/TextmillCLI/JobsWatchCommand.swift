import ArgumentParser
import TextmillJSON

#if canImport(Glibc)
import Glibc
#endif

/// `textmill jobs watch --connect ADDR [JOB_ID]`: the server's progress notifications, as a bar
/// redrawn in place for one job on a terminal, else one line (or JSON object) each.
struct JobsWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow the progress of one job (until it ends) or of all jobs (until Ctrl-C).")

    @OptionGroup var connection: JobsConnectionOptions

    @Argument(help: "The job id (default: every job).")
    var jobID: String?

    func run() throws {
        let socket = try connection.open()
        if let jobID, !connection.json, isatty(2) == 1 {
            let job = try Self.follow(socket, connection: connection, jobID: jobID, deadline: nil)
            return print(JobStatusText.line(job))
        }
        let params: JSONValue = jobID.map { .object([("job_id", .string($0))]) } ?? .object([])
        _ = try connection.call(socket, "job.subscribe", params)
        while true {
            guard let job = try Self.nextProgress(socket) else { continue }
            print(connection.json ? job.jsonText : JobStatusText.line(job))
            fflush(nil)
            if let jobID, job["job_id"]?.stringValue == jobID, Self.isFinal(job) { return }
        }
    }

    /// Subscribes to one job and redraws its bar on stderr until it ends (or `deadline` passes);
    /// returns its last status.
    static func follow(_ socket: RPCConnection, connection: JobsConnectionOptions, jobID: String, deadline: Double?) throws -> JSONValue {
        _ = try connection.call(socket, "job.subscribe", .object([("job_id", .string(jobID))]))
        var last: JSONValue = .null
        defer { FileHandleStderr.write("\r\u{1B}[2K", newline: false) }
        while true {
            if let deadline, JobsWaitCommand.now() > deadline { return last }
            guard let job = try nextProgress(socket) else { continue }
            last = job
            FileHandleStderr.write("\r\u{1B}[2K" + JobStatusText.bar(job), newline: false)
            if isFinal(job) { return job }
        }
    }

    /// The params of the next `job.progress` notification (nil for any other line).
    static func nextProgress(_ socket: RPCConnection) throws -> JSONValue? {
        let line = try socket.readLine()
        guard let message = try? JSONValue.parse(line), message["method"]?.stringValue == "job.progress" else { return nil }
        return message["params"]
    }

    static func isFinal(_ job: JSONValue) -> Bool {
        ["succeeded", "failed", "cancelled"].contains(job["state"]?.stringValue ?? "")
    }
}
