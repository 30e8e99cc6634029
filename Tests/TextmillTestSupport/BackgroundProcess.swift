#if canImport(Glibc)
import Glibc
#endif

/// The built `textmill` running in the background (a server), with its stderr in a file.
public final class BackgroundProcess: @unchecked Sendable {
    public let pid: pid_t
    public let stderrPath: String
    private var exitStatus: Int32?

    /// Starts `textmill arguments…` with `environment` added (give paths absolute).
    public init(_ arguments: [String], environment: [String: String] = [:]) {
        stderrPath = TextmillBinary.temporaryDirectory() + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var env: [String] = []
        var p = environ
        while let entry = p.pointee {
            env.append(String(cString: entry))
            p += 1
        }
        env += environment.map { "\($0.key)=\($0.value)" }
        let argv = ([TextmillBinary.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        let rc = posix_spawn(&child, TextmillBinary.path, &actions, nil, argv, envp)
        precondition(rc == 0, "cannot start \(TextmillBinary.path): \(rc)")
        pid = child
    }

    /// Waits until `path` exists (the server created its socket) or `timeout` seconds pass.
    public func waitForFile(_ path: String, timeout: Double = 30) -> Bool {
        var waited = 0.0
        while access(path, F_OK) != 0 {
            if waited > timeout || hasExited { return false }
            usleep(20_000)
            waited += 0.02
        }
        return true
    }

    /// Waits until the process's stderr holds `text` (a start-up line is printed just after the
    /// socket appears, so a loaded machine can show the socket first).
    public func waitForStderr(containing text: String, timeout: Double = 30) -> Bool {
        var waited = 0.0
        while !stderr.contains(text) {
            if waited > timeout || hasExited { return stderr.contains(text) }
            usleep(20_000)
            waited += 0.02
        }
        return true
    }

    public var hasExited: Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = (status >> 8) & 0xFF
            return true
        }
        return false
    }

    public func signal(_ sig: Int32) { kill(pid, sig) }

    /// Waits for the process to exit and returns its exit status (SIGKILLed after `timeout`).
    public func wait(timeout: Double = 30) -> Int32 {
        var waited = 0.0
        while !hasExited {
            if waited > timeout { kill(pid, SIGKILL) }
            usleep(20_000)
            waited += 0.02
        }
        return exitStatus!
    }

    public var stderr: String { String(decoding: Fixtures.read(stderrPath), as: UTF8.self) }

    deinit { if !hasExited { kill(pid, SIGKILL); _ = wait() } }
}
