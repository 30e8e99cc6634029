import ArgumentParser
import TextmillJSON

/// `textmill jobs status --connect ADDR JOB_ID`.
struct JobsStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show one job's state and progress.")

    @OptionGroup var connection: JobsConnectionOptions

    @Argument(help: "The job id job.submit answered.")
    var jobID: String

    func run() throws {
        let socket = try connection.open()
        let job = try connection.call(socket, "job.status", .object([("job_id", .string(jobID))]))
        print(connection.json ? job.jsonText : JobStatusText.line(job))
    }
}
