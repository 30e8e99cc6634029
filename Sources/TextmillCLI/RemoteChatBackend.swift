import TextmillJSON
import TextmillServer

/// Sends chat messages to a running `textmill serve`.
final class RemoteChatBackend: ChatBackend {
    private let connection: RPCConnection
    private let info: JSONValue

    init(address: ListenAddress) throws {
        connection = try RPCConnection(address)
        info = try connection.call("initialize", params: { $0.raw("{}") })
    }

    var summary: String {
        "server \(connection.address): pipeline \(info["pipeline"]?.stringValue ?? "?") \(info["fingerprint"]?.stringValue ?? "?")"
    }

    /// The normalized text is shown only when the server's pipeline writes the `text` field.
    func process(_ texts: [String], firstID: Int) throws -> [(record: JSONValue, normalized: String?)] {
        let result = try connection.call("process") { w in
            w.raw(#"{"texts":["#)
            for (i, text) in texts.enumerated() {
                if i > 0 { w.comma() }
                w.raw(#"{"id":"#)
                w.int(firstID + i)
                // The server may read its text from another (dotted) field: nest it there.
                let path = (self.info["text_field"]?.stringValue ?? "text").split(separator: ".").map(String.init)
                for (depth, key) in path.enumerated() {
                    if depth > 0 { w.beginObject() } else { w.comma() }
                    w.key(key)
                }
                w.string(text)
                for _ in path { w.endObject() }
            }
            w.raw("]}")
        }
        return (result["records"]?.arrayValue ?? []).map { ($0, $0["text"]?.stringValue) }
    }

    func stats() throws -> String {
        "\(summary)\n" + (try connection.call("stats")).jsonText
    }

    func jobs() throws -> String {
        let jobs = try connection.call("job.list") { $0.raw("{}") }["jobs"]?.arrayValue ?? []
        return jobs.isEmpty ? "no jobs" : jobs.map(JobStatusText.line).joined(separator: "\n")
    }

    func usePreset(_ name: String) throws {
        throw FatalError("the server's pipeline is fixed; restart `textmill serve --preset \(name)` or chat without --connect")
    }
}
