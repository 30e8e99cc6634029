import ArgumentParser
import TextmillJSON

/// `textmill jobs list --connect ADDR [--state STATE]…`.
struct JobsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the server's jobs in submission order.")

    @OptionGroup var connection: JobsConnectionOptions

    @Option(help: "Only jobs in this state (queued, running, succeeded, failed, cancelled, interrupted); repeatable.")
    var state: [String] = []

    func run() throws {
        let socket = try connection.open()
        let params: JSONValue = state.isEmpty ? .object([]) : .object([("state", .array(state.map { .string($0) }))])
        let result = try connection.call(socket, "job.list", params)
        if connection.json { return print(result.jsonText) }
        for job in result["jobs"]?.arrayValue ?? [] { print(JobStatusText.line(job)) }
    }
}
