#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `textmill` executable, which SwiftPM places beside the test bundle.
public enum TextmillBinary {
    public static let path: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let exe = String(decoding: buffer[0..<max(n, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)]) + "/textmill"
    }()

    public struct Result: Sendable {
        public let status: Int32
        public let stdout: [UInt8]
        public let stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        /// Output lines without their newlines (a final empty piece is dropped).
        public var stdoutLines: [String] {
            var lines = stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    /// Runs textmill with `arguments`, feeding `stdin`; environment additions in `environment`.
    public static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) -> Result {
        let dir = "/tmp/textmill-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(dir, 0o700)
        defer { _ = system("rm -rf '\(dir)'") }
        let inPath = dir + "/stdin", outPath = dir + "/stdout", errPath = dir + "/stderr"
        write(inPath, stdin)
        let env = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        // A hung textmill fails its test after five minutes instead of hanging CI.
        let command = "cd '\(Fixtures.packageRoot)' && \(env) timeout -k 5 300 '\(path)' "
            + arguments.map(shellQuote).joined(separator: " ")
            + " < '\(inPath)' > '\(outPath)' 2> '\(errPath)'"
        let raw = system(command)
        let status = (raw >> 8) & 0xFF
        return Result(
            status: status, stdout: Fixtures.read(outPath),
            stderr: String(decoding: Fixtures.read(errPath), as: UTF8.self))
    }

    public static func shellQuote(_ s: String) -> String { "'" + s.replacingAll("'", with: "'\\''") + "'" }

    public static func write(_ path: String, _ bytes: [UInt8]) {
        guard let file = fopen(path, "wb") else { fatalError("cannot create \(path)") }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory() -> String {
        var template = Array("/tmp/textmill-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
        return String(cString: made)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
