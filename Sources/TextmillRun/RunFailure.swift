/// Why a run could not start or could not go on, in one line for stderr or a job's error.
///
/// `kind` says what a caller may do about it: a job retries only `transient` failures (the
/// worker pool became unstable, the disk filled up); `configuration`, `input` and `output`
/// failures come back the same way every time. The CLI exits 2 for all of them.
public struct RunFailure: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case configuration, input, output, transient
    }

    public let message: String
    public let kind: Kind

    public init(_ message: String, kind: Kind = .configuration) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }
}

extension RunFailure {
    /// An output error; a full disk or quota is transient (space may be freed before a retry).
    static func output(_ error: any Error, kept: String = "") -> RunFailure {
        let text = "\(error)"
        let transient = text.contains("No space left") || text.contains("Disk quota exceeded")
        return RunFailure("output error: \(text)\(kept)", kind: transient ? .transient : .output)
    }
}
