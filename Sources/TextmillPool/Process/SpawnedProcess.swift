#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` (never `fork` without exec: a forked Swift
/// process with threads hangs), with a pipe to its fd 3 and a pipe from its fd 4.
///
/// The child gets /dev/null as stdin and the parent's stderr as stdout and stderr, so nothing a
/// worker prints can corrupt the coordinator's output; it runs in its own process group, so a
/// terminal's Ctrl-C reaches only the coordinator, which decides how to stop.
final class SpawnedProcess {
    let pid: pid_t
    /// Parent's end of the pipe to the child's fd 3 (non-blocking).
    private(set) var toChild: Int32
    /// Parent's end of the pipe from the child's fd 4 (non-blocking).
    private(set) var fromChild: Int32
    private var reaped = false

    static let childInputFD: Int32 = 3
    static let childOutputFD: Int32 = 4

    /// `resultPipeBytes`: the capacity asked for the pipe from the child (`PipeCapacity`; 0 keeps the default).
    init(executable: String, arguments: [String], environment: [String], resultPipeBytes: Int = 0) throws(WorkerPoolError) {
        var down: [Int32] = [-1, -1]
        var up: [Int32] = [-1, -1]
        guard pipe(&down) == 0 else { throw .spawnFailed("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&up) == 0 else {
            close(down[0]); close(down[1])
            throw .spawnFailed("pipe: \(String(cString: strerror(errno)))")
        }
        // The parent's ends must not leak into other workers: a leaked write end would keep a
        // dead worker's pipe open and hide its death.
        for fd in down + up { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        if resultPipeBytes > 0 { PipeCapacity.resize(up[1], to: resultPipeBytes) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        posix_spawn_file_actions_adddup2(&actions, down[0], Self.childInputFD)
        posix_spawn_file_actions_adddup2(&actions, up[1], Self.childOutputFD)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { args in
            (envp + [nil]).withUnsafeBufferPointer { env in
                posix_spawn(&pid, executable, &actions, &attributes, args.baseAddress!, env.baseAddress!)
            }
        }
        close(down[0])
        close(up[1])
        guard status == 0 else {
            close(down[1]); close(up[0])
            throw .spawnFailed("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.toChild = down[1]
        self.fromChild = up[0]
        for fd in [toChild, fromChild] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Closes the pipe to the child: a worker reads end of input and exits.
    func closeInput() {
        if toChild >= 0 { close(toChild); toChild = -1 }
    }

    /// Kills (if still running) and reaps the child, closing both pipes. Returns how it ended.
    @discardableResult
    func terminate(kill shouldKill: Bool) -> String {
        closeInput()
        if fromChild >= 0 { close(fromChild); fromChild = -1 }
        guard !reaped else { return "ended" }
        if shouldKill { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        return Self.describe(status)
    }

    /// Reaps the child if it has exited, without waiting.
    func exitStatusIfEnded() -> String? {
        guard !reaped else { return "ended" }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        reaped = true
        return Self.describe(status)
    }

    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return "killed by signal \(signal)\(signal == SIGKILL ? " (SIGKILL)" : signal == SIGSEGV ? " (SIGSEGV)" : signal == SIGABRT ? " (SIGABRT)" : "")"
    }

    deinit { terminate(kill: true) }
}
