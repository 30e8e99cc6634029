#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL 15 server for tests: `initdb` into a temporary directory, listening
/// only on a Unix socket there, with password (SCRAM) authentication for the user `textmill`.
///
/// PostgreSQL refuses to run as root, so under root the server runs as `nobody` (through
/// `setpriv`). One cluster serves the whole test process (initdb takes seconds); a watchdog
/// shell stops it and removes its directory when the test process exits, however it exits.
public final class PostgresTestCluster: @unchecked Sendable {
    public static let binaries = "/usr/lib/postgresql/15/bin"
    public let directory: String
    public let user = "textmill"
    public let password: String
    public let port = 5432

    /// The cluster for this test process, or why PostgreSQL cannot run here.
    /// A cluster that could run here but did not start is a failure of every test that asks
    /// for it (`shared.get()` throws the reason), never a crash of the whole test process.
    public static let shared: Result<PostgresTestCluster, Unavailable> = {
        switch startShared() {
        case .success(let cluster): return .success(cluster)
        case .failure(let unavailable):
            let banner = String(repeating: "!", count: 78)
            let what = unavailableReason == nil ? "POSTGRESQL DID NOT START (its tests fail)" : "POSTGRESQL TESTS SKIPPED"
            FileHandleStderrLine.write("\n\(banner)\n\(what): \(unavailable.reason)\n\(banner)\n")
            return .failure(unavailable)
        }
    }()

    /// Whether PostgreSQL can run here at all (the binaries exist, and under root an
    /// unprivileged user to run it as). When it can, a failure to start is a test failure.
    public static let unavailableReason: String? = {
        if access(binaries + "/initdb", X_OK) != 0 || access(binaries + "/pg_ctl", X_OK) != 0 {
            return "PostgreSQL 15 is not installed (\(binaries)/initdb missing; `make deps` installs the Debian package postgresql)"
        }
        if getuid() == 0 && (access("/usr/bin/setpriv", X_OK) != 0 || getpwnam("nobody") == nil || getgrnam("nogroup") == nil) {
            return "running as root, and there is no setpriv or nobody/nogroup to run PostgreSQL as (it refuses root)"
        }
        return nil
    }()

    /// Why there is no cluster: PostgreSQL cannot run here, or it could and failed to start.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    private static func startShared() -> Result<PostgresTestCluster, Unavailable> {
        if let reason = unavailableReason { return .failure(Unavailable(reason: reason)) }
        do { return .success(try PostgresTestCluster()) } catch { return .failure(error) }
    }

    /// The socket directory percent-encoded, as a URL's host.
    public var urlHost: String {
        var encoded = ""
        for byte in (directory + "/sock").utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." { encoded.append(c) } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// `postgresql://textmill@<socket dir>:5432/DATABASE` plus `query` (no password in it).
    public func url(database: String = "postgres", query: String = "") -> String {
        "postgresql://\(user)@\(urlHost):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query)
    }

    /// The environment that gives textmill the password.
    public var environment: [String: String] { ["PGPASSWORD": password] }

    private init() throws(Unavailable) {
        password = "pw-\(UInt64.random(in: 0...UInt64.max))"
        directory = TextmillBinary.temporaryDirectory()
        // The server user must be able to enter and write the directory whatever mode it was
        // created with (a umask changed by another thread once made it 0600).
        guard chmod(directory, 0o700) == 0, mkdir(directory + "/sock", 0o700) == 0 || errno == EEXIST,
            chmod(directory + "/sock", 0o700) == 0
        else { throw Unavailable(reason: "cannot prepare \(directory): \(String(cString: strerror(errno)))") }
        TextmillBinary.write(directory + "/pw", Array((password + "\n").utf8))
        if getuid() == 0 {
            guard run("chown -R nobody:nogroup '\(directory)'", asServerUser: false) == 0 else {
                throw Unavailable(reason: "cannot hand \(directory) to nobody:nogroup (chown failed)")
            }
        }
        let initdb = run(
            "'\(Self.binaries)/initdb' -D '\(directory)/data' -U \(user) --pwfile='\(directory)/pw' --auth=scram-sha-256 "
                + "-E UTF8 --no-locale --no-sync > '\(directory)/initdb.log' 2>&1")
        guard initdb == 0 else {
            throw Unavailable(reason: "initdb in \(directory) exited with \(initdb)\(Self.describe(directory: directory)): \(Self.text(of: directory + "/initdb.log"))")
        }
        let settings = """

            listen_addresses = ''
            unix_socket_directories = '\(directory)/sock'
            port = \(port)
            fsync = off
            max_connections = 20
            shared_buffers = 32MB

            """
        guard run("cat >> '\(directory)/data/postgresql.conf' <<'EOF'\n\(settings)EOF") == 0 else {
            throw Unavailable(reason: "cannot append the test settings to \(directory)/data/postgresql.conf")
        }
        // Stops the server and removes everything when this test process is gone.
        let watchdog = "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; "
            + serverCommand("'\(Self.binaries)/pg_ctl' -D '\(directory)/data' -m immediate stop") + "; rm -rf '\(directory)'"
        run("setsid sh -c \(TextmillBinary.shellQuote(watchdog)) > /dev/null 2>&1 < /dev/null &", asServerUser: false)
        guard start() else { throw Unavailable(reason: "PostgreSQL in \(directory) did not start: \(serverLog)") }
        // The test process itself connects with the password from a password file, as libpq
        // reads it; textmill runs inherit it unless a test sets PGPASSWORD or PGPASSFILE.
        setenv("PGPASSFILE", passwordFile(), 1)
    }

    /// A file's text for an error message, or why it cannot be read (never a crash).
    static func text(of path: String) -> String {
        switch Fixtures.contents(path) {
        case .success(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .failure(let reason): return "(cannot read \(path): \(reason.message))"
        }
    }

    /// The directory's owner and mode, which decide whether the server user can write there.
    static func describe(directory: String) -> String {
        var info = stat()
        guard stat(directory, &info) == 0 else { return " (cannot stat the directory)" }
        return " (directory owner uid \(info.st_uid), mode 0" + String(info.st_mode & 0o7777, radix: 8) + ")"
    }

    /// Starts the server (again); true when it accepts connections.
    @discardableResult
    public func start() -> Bool {
        run("'\(Self.binaries)/pg_ctl' -D '\(directory)/data' -l '\(directory)/server.log' -w -t 60 start > /dev/null 2>&1") == 0
    }

    /// Kills the server the hard way (every backend at once, no checkpoint: crash recovery at the next start).
    public func kill() {
        run("'\(Self.binaries)/pg_ctl' -D '\(directory)/data' -m immediate stop > /dev/null 2>&1")
    }

    public var serverLog: String { Self.text(of: directory + "/server.log") }

    /// A file for PGPASSFILE holding the password (mode 0600, as libpq requires).
    public func passwordFile() -> String {
        let path = TextmillBinary.temporaryDirectory() + "/pgpass"
        TextmillBinary.write(path, Array("*:*:*:\(user):\(password)\n".utf8))
        chmod(path, 0o600)
        return path
    }

    private func serverCommand(_ command: String) -> String {
        getuid() == 0 ? "setpriv --reuid=nobody --regid=nogroup --clear-groups -- sh -c \(TextmillBinary.shellQuote(command))" : command
    }

    @discardableResult
    private func run(_ command: String, asServerUser: Bool = true) -> Int32 {
        let line = asServerUser ? serverCommand(command) : command
        return system("bash -c \(TextmillBinary.shellQuote(line))") >> 8
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Writes to stderr without Foundation (the skip banner must be seen in test logs).
enum FileHandleStderrLine {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
