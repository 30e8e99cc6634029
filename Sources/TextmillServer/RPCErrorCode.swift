/// The JSON-RPC 2.0 error codes the server answers with (docs/protocol.md lists them).
///
/// −32700…−32600 are JSON-RPC's own; −32000…−32099 is the range the spec leaves to servers.
public enum RPCErrorCode: Int, Sendable, CaseIterable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    /// Too many connections: the connection is closed after this reply.
    case overloaded = -32000
    /// The document could not be processed; `data` holds the error record `run` would write.
    case documentFailed = -32001
    /// The line was longer than the server's max line bytes; it was skipped up to its newline.
    case lineTooLong = -32002
    /// A TCP request without the server's auth token (`--auth-token-file`), or with another one.
    case unauthorized = -32003
    /// `job.*`: no job has that id.
    case jobNotFound = -32004
    /// `job.*`: the server takes no jobs (no `--state-dir`), or not on this listener (TCP without roots).
    case jobsDisabled = -32005
}
