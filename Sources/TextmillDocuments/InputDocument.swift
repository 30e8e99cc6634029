import TextmillJSON

/// One document as read from the input, before any processing.
///
/// JSONL lines travel unparsed (the worker parses them, so the coordinator only splits lines);
/// other formats arrive already extracted by their reader.
public struct InputDocument: Sendable {
    public var locator: DocumentLocator
    public var payload: Payload

    public enum Payload: Sendable {
        /// A raw JSONL line, without its newline.
        case jsonLine([UInt8])
        /// Text extracted by a reader: its id (nil: use the line number), UTF-8 text, and fields to carry through.
        case extracted(id: JSONValue?, text: [UInt8], carried: [(key: String, value: JSONValue)])
        /// The reader could not produce this document; it becomes an error record.
        case unreadable(DocumentError)
    }

    public init(locator: DocumentLocator, payload: Payload) {
        self.locator = locator
        self.payload = payload
    }

    /// Bytes this document occupies in the input, for chunk sizing and progress.
    public var byteCount: Int {
        switch payload {
        case .jsonLine(let line): line.count + 1
        case .extracted(_, let text, _): text.count
        case .unreadable: 0
        }
    }
}
