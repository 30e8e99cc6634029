/// Where a document came from, for error messages: the file and the 1-based line (or element).
public struct DocumentLocator: Sendable, Equatable {
    /// The input path as the user gave it, or "-" for standard input.
    public var source: String
    /// 1-based line of the document's first byte (JSONL, text, CSV) or ordinal of the element (XML).
    public var line: Int

    public init(source: String, line: Int) {
        self.source = source
        self.line = line
    }
}
