import ArgumentParser
import TextmillJSON

/// `textmill jobs cancel --connect ADDR JOB_ID`: a running job stops reading, finishes its
/// chunks in flight and keeps a resumable partial.
struct JobsCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a queued or running job.")

    @OptionGroup var connection: JobsConnectionOptions

    @Argument(help: "The job id.")
    var jobID: String

    func run() throws {
        let socket = try connection.open()
        let job = try connection.call(socket, "job.cancel", .object([("job_id", .string(jobID))]))
        print(connection.json ? job.jsonText : JobStatusText.line(job))
    }
}
