/// A run of the input that CLD2 attributes to one language: UTF-8 byte offset and length.
public struct CLD2Chunk: Sendable, Equatable {
    public var offset: Int
    public var bytes: Int
    /// CLD2's code for the run's language (`un` where it could not tell).
    public var code: String
}
