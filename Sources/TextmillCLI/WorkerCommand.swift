import ArgumentParser
import TextmillPipeline
import TextmillPool
import TextmillProcessing

#if canImport(Glibc)
import Glibc
#endif

/// `textmill worker`: the hidden mode the coordinator starts its worker processes in.
///
/// It talks the pool's frame protocol on fds 3 and 4 (never stdout), so running it by hand
/// does nothing useful.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Internal: serve chunks for a coordinator over fds 3/4.",
        shouldDisplay: false)

    @Option(help: "Lower this worker's CPU priority by this much (a server's job workers yield to its message workers).")
    var nice: Int32 = 0

    mutating func run() async throws {
        if nice > 0 { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) }
        guard fcntl(3, F_GETFD) >= 0, fcntl(4, F_GETFD) >= 0 else {
            throw FatalError("`textmill worker` is started by textmill itself (it needs the pool's pipes on fds 3 and 4)")
        }
        let status = await WorkerLoop.serve { bytes in
            let (task, config, fields) = try WorkerSpec.decode(bytes)
            return (config.fingerprint, try task.makeProcessor(config: config, fields: fields))
        }
        Glibc.exit(status)
    }
}
