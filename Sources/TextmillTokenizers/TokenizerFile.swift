#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads a tokenizer file, recognising its kind from its content: a JSON object (HF `tokenizer.json`,
/// handed to `HFTokenizerLoader`) or tiktoken ranks (`base64-token rank` per line).
public enum TokenizerFile {
    /// The kinds of file `load` recognises.
    public enum Kind: String, Sendable {
        case huggingFace = "tokenizer.json"
        case tiktoken = "tiktoken"
    }

    /// Loads the tokenizer at `path`. `tiktokenPattern` (a name such as `cl100k_base` or a literal regex) is
    /// needed for rank files, which do not carry their pre-tokenization pattern; when nil, a known encoding
    /// name inside the file name (`cl100k_base.tiktoken`) is used. It must be nil for tokenizer.json files.
    public static func load(path: String, tiktokenPattern: String?) throws -> any TextTokenizer {
        try load(bytes: readFile(path), path: path, tiktokenPattern: tiktokenPattern)
    }

    /// `load(path:tiktokenPattern:)` on bytes already read; `path` only names the file in messages.
    public static func load(bytes: [UInt8], path: String, tiktokenPattern: String?) throws -> any TextTokenizer {
        switch try kind(of: bytes, path: path) {
        case .huggingFace:
            if let tiktokenPattern {
                throw TokenizerError.invalidFile(
                    path: path, line: 0,
                    message: "a tiktoken pattern (\(tiktokenPattern)) was given, but this is a tokenizer.json file")
            }
            return try HFTokenizerLoader.load(bytes: bytes, path: path)
        case .tiktoken:
            let pattern: TiktokenPattern
            if let tiktokenPattern {
                pattern = try TiktokenPattern(spelling: tiktokenPattern)
            } else if let inferred = TiktokenPattern.inferred(fromFileName: path) {
                pattern = inferred
            } else {
                throw TokenizerError.invalidFile(
                    path: path, line: 0,
                    message: "a tiktoken rank file needs --tiktoken-pattern (one of \(TiktokenPattern.names.joined(separator: ", ")) or a regex)")
            }
            return try TiktokenTokenizer(rankFile: bytes, path: path, pattern: pattern)
        }
    }

    /// Which kind of tokenizer file `bytes` holds: a JSON object is tokenizer.json, a first line of
    /// `base64 rank` is tiktoken; anything else is rejected naming the file.
    public static func kind(of bytes: [UInt8], path: String) throws -> Kind {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        guard index < bytes.count else {
            throw TokenizerError.invalidFile(path: path, line: 0, message: "the file is empty")
        }
        if bytes[index] == UInt8(ascii: "{") { return .huggingFace }
        if TiktokenRanks.looksLikeRankLine(bytes[index...].prefix { $0 != 0x0A }) { return .tiktoken }
        throw TokenizerError.invalidFile(
            path: path, line: 1,
            message: "not a tokenizer file: expected a tokenizer.json object or tiktoken `base64-token rank` lines")
    }

    /// The whole file, read with POSIX calls (this module stays free of Foundation).
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw TokenizerError.invalidFile(path: path, line: 0, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TokenizerError.invalidFile(path: path, line: 0, message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
