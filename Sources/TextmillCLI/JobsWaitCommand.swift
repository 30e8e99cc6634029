import ArgumentParser
import TextmillJSON

#if canImport(Glibc)
import Glibc
#endif

/// `textmill jobs wait --connect ADDR JOB_ID [--timeout S]`: returns when the job ends, with a
/// progress bar on a terminal; exits 0 succeeded, 1 succeeded with failed documents, 2 otherwise.
struct JobsWaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Wait for a job to end (progress bar on a terminal).")

    @OptionGroup var connection: JobsConnectionOptions

    @Option(help: "Give up after this many seconds (exit 2; the job goes on).")
    var timeout: Double?

    @Argument(help: "The job id.")
    var jobID: String

    func run() throws {
        let socket = try connection.open()
        let job: JSONValue
        if !connection.json && isatty(2) == 1 {
            job = try JobsWatchCommand.follow(socket, connection: connection, jobID: jobID, deadline: timeout.map { Self.now() + $0 })
        } else {
            var params: [(key: String, value: JSONValue)] = [("job_id", .string(jobID))]
            if let timeout { params.append(("timeout", .number(timeout, literal: "\(timeout)"))) }
            let result = try connection.call(socket, "job.wait", .object(params))
            job = result["job"] ?? .null
            if result["timed_out"]?.boolValue == true {
                print(connection.json ? result.jsonText : JobStatusText.line(job))
                throw FatalError("timed out after \(timeout ?? 0) s; job \(jobID) is \(job["state"]?.stringValue ?? "?")")
            }
            print(connection.json ? result.jsonText : JobStatusText.line(job))
            throw JobStatusText.exitStatus(job).exitCode
        }
        print(JobStatusText.line(job))
        guard job["state"]?.stringValue.map({ ["succeeded", "failed", "cancelled"].contains($0) }) == true else {
            throw FatalError("timed out after \(timeout ?? 0) s; job \(jobID) is \(job["state"]?.stringValue ?? "?")")
        }
        throw JobStatusText.exitStatus(job).exitCode
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
