#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Paths the test suites share: the package root, its corpora and fixtures.
public enum Fixtures {
    /// The package root, found from this file's location (Tests/TextmillTestSupport/Fixtures.swift).
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    public static func path(_ relative: String) -> String { packageRoot + "/" + relative }

    /// The bundled corpora that carry `{"id", "text"}` records.
    public static let corpusFiles = ["en", "de", "ru", "it", "zh", "ja", "th"].map { path("corpora/\($0).jsonl") }

    /// Reads a whole file (test-side convenience). A missing file fails the calling test and reads as
    /// empty: a crash here would end the whole test process and hide every other test's result.
    public static func read(_ path: String) -> [UInt8] {
        switch contents(path) {
        case .success(let bytes): return bytes
        case .failure(let reason):
            Issue.record("cannot open \(path): \(reason.message)")
            return []
        }
    }

    /// Why a file could not be read.
    public struct ReadFailure: Error { public let message: String }

    /// A whole file's bytes, or why it cannot be opened; records nothing, for callers that only
    /// describe a file (a server log in an error message) and must not fail a test by it.
    public static func contents(_ path: String) -> Result<[UInt8], ReadFailure> {
        guard let file = fopen(path, "rb") else { return .failure(ReadFailure(message: String(cString: strerror(errno)))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return .success(bytes)
    }

    /// The lines of a text file, without their newlines.
    public static func lines(_ path: String) -> [String] {
        String(decoding: read(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty }
    }

    /// The names in directory `dir`, sorted, without `.` and `..` (empty when it cannot be opened).
    public static func listing(_ dir: String) -> [String] {
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
