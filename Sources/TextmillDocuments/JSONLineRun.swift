import Glibc

/// Consecutive JSONL lines of one input, kept as the bytes that were read: a chunk of JSONL goes
/// from the coordinator to a worker without an array or a locator per line, and the worker
/// splits it into documents (`documents()`), exactly as the line reader would have.
public struct JSONLineRun: Sendable {
    /// The input path as the user gave it ("-" for standard input).
    public var source: String
    /// 1-based line number of the first line.
    public var firstLine: Int
    /// Number of lines (documents) in `bytes`.
    public var lineCount: Int
    /// Sum of the lines' `InputDocument.byteCount` (line without a trailing `\r`, plus one).
    public var byteCount: Int
    /// `lineCount` lines, each ending with `\n`, as read (a trailing `\r` is still there).
    public var bytes: [UInt8]

    public init(source: String, firstLine: Int, lineCount: Int, byteCount: Int, bytes: [UInt8]) {
        self.source = source
        self.firstLine = firstLine
        self.lineCount = lineCount
        self.byteCount = byteCount
        self.bytes = bytes
    }

    /// The lines as documents (`.jsonLine`, without `\n` and a trailing `\r`); nil when `bytes`
    /// does not hold exactly `lineCount` newline-terminated lines. Line ends found with `memchr`.
    public func documents() -> [InputDocument]? {
        var documents: [InputDocument] = []
        documents.reserveCapacity(min(lineCount, bytes.count))
        let complete = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var start = 0
            while start < buffer.count {
                guard let newline = memchr(base + start, 0x0A, buffer.count - start), documents.count < lineCount
                else { return false }
                let i = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
                let end = i > start && buffer[i - 1] == 0x0D ? i - 1 : i
                documents.append(
                    InputDocument(
                        locator: DocumentLocator(source: source, line: firstLine &+ documents.count),
                        payload: .jsonLine(Array(UnsafeBufferPointer(rebasing: buffer[start..<end])))))
                start = i + 1
            }
            return true
        }
        guard complete, documents.count == lineCount else { return nil }
        return documents
    }
}
