import ArgumentParser
import TextmillJSON
import TextmillJobs
import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// `textmill jobs submit --connect ADDR [--priority N] -- RUN-ARGUMENTS…`: the same arguments
/// `textmill run` takes, submitted as a job; prints the job id (or, with --wait, follows it).
struct JobsSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a run as a job: the arguments after -- are textmill run's.",
        discussion: """
            Example: textmill jobs submit --connect unix:/tmp/tm.sock -- corpus/ -o out.jsonl --preset icu-words. \
            Over a unix socket relative paths are made absolute here; over TCP they are relative \
            to the server's --input-root/--output-root. --params takes the JSON params instead.
            """)

    @OptionGroup var connection: JobsConnectionOptions

    @Option(help: "Higher runs first; equal priorities run in submission order.")
    var priority = 0

    @Option(help: "The job.submit params as a JSON object, instead of run arguments.")
    var params: String?

    @Argument(parsing: .postTerminator, help: "textmill run's arguments (inputs and options).")
    var runArguments: [String] = []

    func validate() throws {
        if (params == nil) == runArguments.isEmpty { throw ValidationError("give run's arguments after --, or --params JSON (one of them)") }
    }

    func run() throws {
        var submitted: JSONValue
        if let params {
            do { submitted = try JSONValue.parse(params) } catch { throw FatalError("--params: not JSON: \(error)") }
            if priority != 0, case .object(var members) = submitted {
                members.append(("priority", .number(Double(priority), literal: String(priority))))
                submitted = .object(members)
            }
        } else {
            let command: RunCommand
            do { command = try RunCommand.parse(runArguments) } catch {
                throw FatalError("run arguments: \(RunCommand.message(for: error))")
            }
            var request = command.request
            if case .unix = try connection.address { request = Self.absolute(request) }
            submitted = JobParams.encode(request, priority: priority)
        }
        let socket = try connection.open()
        let result = try connection.call(socket, "job.submit", submitted)
        if connection.json {
            print(result.jsonText)
        } else {
            print(result["job_id"]?.stringValue ?? result.jsonText)
        }
    }

    /// Paths from this directory, for a server on this machine whose directory is another.
    static func absolute(_ request: RunRequest) -> RunRequest {
        var request = request
        let cwd = currentDirectory()
        func fix(_ path: String?) -> String? {
            guard let path, path != "-", !path.hasPrefix("/"), !path.contains(":") || path.hasPrefix("./") else { return path }
            return cwd + "/" + path
        }
        request.inputs = request.inputs.map { fix($0)! }
        request.output = fix(request.output)
        request.outputDir = fix(request.outputDir)
        request.errors = fix(request.errors)
        request.rejected = fix(request.rejected)
        request.pipeline.config = fix(request.pipeline.config)
        request.pipeline.vocab = fix(request.pipeline.vocab)
        request.pipeline.tokenizer = fix(request.pipeline.tokenizer)
        request.pipeline.models = fix(request.pipeline.models)
        if let sink = request.sink, sink.hasPrefix("sqlite:"), let path = fix(String(sink.dropFirst(7))) { request.sink = "sqlite:" + path }
        return request
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
