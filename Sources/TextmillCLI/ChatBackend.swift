import TextmillJSON

/// Where `chat` gets its records: its own in-process pipeline, or a `textmill serve` server.
protocol ChatBackend: AnyObject {
    /// One line saying what is processing the messages.
    var summary: String { get }
    /// The records for `texts`, ids `firstID`, `firstID + 1`, …; document failures come back as
    /// error records. Each comes with the normalized text when it is known.
    func process(_ texts: [String], firstID: Int) throws -> [(record: JSONValue, normalized: String?)]
    /// The `/stats` text.
    func stats() throws -> String
    /// Switches to another preset (`/preset NAME`).
    func usePreset(_ name: String) throws
    /// The `/jobs` text: the server's batch jobs, one line each.
    func jobs() throws -> String
}
