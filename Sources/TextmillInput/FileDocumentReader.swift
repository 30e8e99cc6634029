/// A reader over one input file, as `DocumentStream` drives it: it also tells where it is, so
/// a failure to read the rest of the file can name the line it happened after.
protocol FileDocumentReader: DocumentReader {
    /// 1-based number of the last line read (0 before the first).
    var currentLine: Int { get }
}

extension JSONLReader: FileDocumentReader {
    var currentLine: Int { lineNumber }
}
