/// Why a tokenizer file could not be loaded or a text could not be encoded; the message names the file
/// and, where it helps, the line or the component.
public enum TokenizerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file uses something textmill does not implement (a model, normalizer, … named in the message).
    case unsupported(path: String, what: String)
    /// The file is malformed; `line` is 1-based, 0 when the problem is not on one line.
    case invalidFile(path: String, line: Int, message: String)
    /// A pre-tokenization pattern that ICU's regex engine rejects.
    case invalidPattern(pattern: String, message: String)
    /// A document the tokenizer refuses (e.g. a special token not allowed by `allowed_special`).
    case invalidText(message: String)

    public var description: String {
        switch self {
        case .unsupported(let path, let what): return "\(path): unsupported tokenizer: \(what)"
        case .invalidFile(let path, let line, let message):
            return line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
        case .invalidPattern(let pattern, let message): return "invalid pre-tokenization pattern \(pattern): \(message)"
        case .invalidText(let message): return message
        }
    }
}
