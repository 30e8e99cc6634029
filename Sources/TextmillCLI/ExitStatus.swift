import ArgumentParser

/// textmill's exit codes; they mean the same in every subcommand.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case someDocumentsFailed = 1
    case usage = 2
    case interrupted = 130
    case terminated = 143

    public var exitCode: ExitCode { ExitCode(rawValue) }
}

/// A fatal error reported in one line to stderr; exits 2 (usage/config) unless told otherwise.
struct FatalError: Error, CustomStringConvertible {
    let message: String
    let status: ExitStatus
    init(_ message: String, status: ExitStatus = .usage) {
        self.message = message
        self.status = status
    }
    var description: String { message }
}
