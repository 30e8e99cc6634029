import ArgumentParser
import TextmillJobs
import TextmillPipeline
import TextmillRun
import TextmillServer

#if canImport(Glibc)
import Glibc
#endif

/// `serve`'s batch-job options: where the job table lives, how many jobs run, retries, the roots
/// jobs may read and write under, and the auth token TCP clients must send (docs/protocol.md).
struct ServeJobOptions: ParsableArguments {
    @Option(help: "Directory of the job table (SQLite) and its lock (default: beside the first unix socket, SOCKET.jobs).")
    var stateDir: String?

    @Flag(help: "Answer no job.* methods.")
    var noJobs = false

    @Option(help: "Jobs running at once; the rest wait, highest priority first, then in submission order.")
    var maxJobs = 1

    @Option(help: "Extra attempts for a job after a transient failure (worker pool unstable, disk full), with backoff.")
    var jobRetries = 2

    @Option(help: "Jobs may read only under this directory (required for jobs over TCP).")
    var inputRoot: String?

    @Option(help: "Jobs may write only under this directory (required for jobs over TCP).")
    var outputRoot: String?

    @Option(help: "A file holding a token every TCP request must carry as \"auth\" (the file must not be readable by group or others).")
    var authTokenFile: String?

    func validate() throws {
        if maxJobs < 1 { throw ValidationError("--max-jobs must be at least 1") }
        if jobRetries < 0 { throw ValidationError("--job-retries cannot be negative") }
        if noJobs && (stateDir != nil || inputRoot != nil || outputRoot != nil) {
            throw ValidationError("--no-jobs cannot go with --state-dir, --input-root or --output-root")
        }
    }

    /// The token from `--auth-token-file`, refusing a file others can read.
    func authToken() throws -> AuthToken? {
        guard let authTokenFile else { return nil }
        var info = stat()
        guard stat(authTokenFile, &info) == 0 else { throw FatalError("--auth-token-file \(authTokenFile): not found") }
        if info.st_mode & 0o077 != 0 {
            throw FatalError("--auth-token-file \(authTokenFile): readable by group or others (chmod 600 it)")
        }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(authTokenFile) } catch { throw FatalError("--auth-token-file \(authTokenFile): \(error)") }
        guard let token = AuthToken(String(decoding: bytes, as: UTF8.self)) else {
            throw FatalError("--auth-token-file \(authTokenFile): the file is empty")
        }
        return token
    }

    /// `--state-dir`, else beside the first unix socket; nil when there is none.
    func stateDirectory(listening addresses: [ListenAddress]) -> String? {
        if let stateDir { return stateDir }
        for address in addresses {
            if case .unix(let path) = address { return path + ".jobs" }
        }
        return nil
    }

    /// The job queue, opened on its state directory; nil with `--no-jobs`, or when listening
    /// only on TCP without `--state-dir`.
    func queue(listening addresses: [ListenAddress], version: String) throws -> JobQueue? {
        guard !noJobs, let directory = stateDirectory(listening: addresses) else { return nil }
        do {
            var configuration = JobQueue.Configuration(paths: try JobPathPolicy(inputRoot: inputRoot, outputRoot: outputRoot))
            configuration.maxJobs = maxJobs
            configuration.retries = jobRetries
            configuration.version = version
            configuration.log = { printError($0) }
            return try JobQueue(stateDirectory: directory, configuration: configuration, pools: WarmPools(log: { printError($0) }))
        } catch {
            throw FatalError(error.message)
        }
    }
}
