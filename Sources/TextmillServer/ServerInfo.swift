/// What `initialize` reports about the pipeline behind the server.
public struct ServerInfo: Sendable {
    public var serverVersion: String
    public var pipelineName: String
    public var fingerprint: String
    /// The preset name, or nil when a config file was given.
    public var preset: String?
    /// The record fields, in order (`output.fields`).
    public var fields: [String]

    public init(serverVersion: String, pipelineName: String, fingerprint: String, preset: String?, fields: [String]) {
        self.serverVersion = serverVersion
        self.pipelineName = pipelineName
        self.fingerprint = fingerprint
        self.preset = preset
        self.fields = fields
    }

    /// Version of the line protocol; bumped on any incompatible change.
    public static let protocolVersion = 1
}
