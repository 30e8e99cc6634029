/// A document of a chunk that got an error record in place of its record: where it stands in
/// the chunk and why, as the task that wrote the record knew it, so a consumer (the server's
/// JSON-RPC error reply, error routing) needs no parsing of the record to know the reason.
public struct DocumentFailure: Sendable, Equatable {
    /// 0-based position of the document within its chunk.
    public var position: Int
    /// The code and message its error record carries.
    public var error: DocumentError

    public init(position: Int, error: DocumentError) {
        self.position = position
        self.error = error
    }
}
