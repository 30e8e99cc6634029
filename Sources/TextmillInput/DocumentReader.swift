import TextmillDocuments

/// Produces input documents one at a time, in input order.
public protocol DocumentReader {
    mutating func next() throws(InputError) -> InputDocument?
    /// Input bytes consumed so far (for progress and chunk accounting).
    var bytesRead: Int { get }
    /// Whole JSONL lines the reader has buffered, as one run of raw bytes (see `LineRunStep`):
    /// lines are taken while fewer than `maxDocuments` or fewer than `minBytes` bytes are
    /// taken, and only lines that keep it within `maxBytes`; readers of other formats answer
    /// `.unavailable` and are read with `next()`.
    mutating func nextLineRun(maxDocuments: Int, minBytes: Int, maxBytes: Int, mayExceed: Bool) throws(InputError) -> LineRunStep
}

extension DocumentReader {
    public mutating func nextLineRun(maxDocuments: Int, minBytes: Int, maxBytes: Int, mayExceed: Bool) throws(InputError) -> LineRunStep {
        .unavailable
    }
}

/// Reads JSONL: one document per line, passed on unparsed (workers parse them).
///
/// Every line yields exactly one document, blank lines included (they become `invalid_json`
/// error records), so output lines correspond one to one to input lines.
public struct JSONLReader<Source: ByteSource>: DocumentReader {
    private var lines: LineReader<Source>
    private let maxDocBytes: Int

    public init(_ source: Source, maxDocBytes: Int = 64 << 20) {
        self.lines = LineReader(source, maxLineBytes: maxDocBytes)
        self.maxDocBytes = maxDocBytes
    }

    public var bytesRead: Int { lines.bytesRead }
    /// 1-based number of the last line read.
    public var lineNumber: Int { lines.currentLineNumber }

    public mutating func nextLineRun(maxDocuments: Int, minBytes: Int, maxBytes: Int, mayExceed: Bool) throws(InputError) -> LineRunStep {
        lines.nextRun(maxLines: maxDocuments, minBytes: minBytes, maxBytes: maxBytes, mayExceed: mayExceed)
    }

    public mutating func next() throws(InputError) -> InputDocument? {
        guard let line = try lines.next() else { return nil }
        switch line {
        case .line(let bytes, let number):
            return InputDocument(
                locator: DocumentLocator(source: lines.name, line: number), payload: .jsonLine(bytes))
        case .oversized(let count, let number):
            let error = DocumentError(
                .documentTooLarge, "line is \(count) bytes, over the limit of \(maxDocBytes) (--max-doc-bytes)")
            return InputDocument(
                locator: DocumentLocator(source: lines.name, line: number), payload: .unreadable(error))
        }
    }
}
