/// A deduplication that cannot go on (spill files, malformed signatures).
public struct DedupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
