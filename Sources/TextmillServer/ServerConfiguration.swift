/// The server's listeners and limits; `textmill serve`'s options map onto these one to one.
public struct ServerConfiguration: Sendable {
    public var listen: [ListenAddress]
    /// Binding a TCP address that is not loopback needs this, so nobody exposes the server by accident.
    public var allowNonLoopback = false
    /// A longer request line gets a `lineTooLong` error (id null); the connection resumes at the next line.
    public var maxLineBytes = 1 << 20
    /// Requests a connection may have unanswered; beyond it the server stops reading from that socket.
    public var maxInFlightPerConnection = 256
    public var maxConnections = 1024
    /// A connection with nothing in flight and no traffic for this long is closed; nil: never.
    public var idleTimeoutSeconds: Double? = 600
    /// On SIGTERM, the longest a connection keeps reading requests its client already sent;
    /// after it, the requests read are answered and the connection is closed.
    public var drainTimeoutSeconds: Double = 10
    /// The longest a request waits for others to share its chunk when a chunk is already being processed.
    public var maxBatchDelayMicroseconds = 200
    /// Largest chunk handed to the processor.
    public var maxBatchDocuments = 256
    /// Chunks processed at the same time (the pool's worker count is a good value).
    public var maxConcurrentChunks = 2
    /// Where the text is in a `process` params object (`--text-field`).
    public var textPath: [String] = ["text"]
    /// Event-loop threads.
    public var threads = 2
    /// When set, every request on a TCP listener must carry it as `"auth"` (unix sockets are guarded by their file mode).
    public var authToken: AuthToken?

    public init(listen: [ListenAddress]) {
        self.listen = listen
    }
}
