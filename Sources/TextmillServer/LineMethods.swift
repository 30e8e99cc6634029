import TextmillJSON

/// Methods answered beside the message path, by name prefix (`job.` for the job queue): the
/// server hands them their request and a way to write lines to the client, and they answer
/// when they can (at once, after a wait, or as a stream of notifications).
public protocol LineMethods: Sendable {
    /// Requests whose method starts with this go to `answer`.
    var methodPrefix: String { get }
    /// The method names, for `initialize`'s list.
    var methodNames: [String] { get }
    func answer(_ call: LineMethodCall, on connection: LineConnection)
}

/// One request for a `LineMethods`: its id as the client wrote it (nil: a notification), method
/// and params.
public struct LineMethodCall: Sendable {
    public let id: [UInt8]?
    public let method: String
    public let params: JSONValue?
}
