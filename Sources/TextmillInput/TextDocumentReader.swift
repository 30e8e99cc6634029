import TextmillDocuments
import TextmillJSON

/// Plain text cut into documents by lines, paragraphs (blank-line separated) or whole files.
///
/// Ids are `FILE:LINE` (the document's first line), or `FILE` for `--split file`. Blank lines are
/// separators, not documents. A document over the size limit is skipped to its end without
/// being buffered and reported as `document_too_large`; one holding NUL bytes as `binary_content`.
struct TextDocumentReader: FileDocumentReader {
    private var lines: LineReader<AnyByteSource>
    private let path: String
    private let split: TextSplit
    private let maxDocBytes: Int

    init(_ source: AnyByteSource, path: String, split: TextSplit, maxDocBytes: Int) {
        self.lines = LineReader(source, maxLineBytes: maxDocBytes)
        self.path = path
        self.split = split
        self.maxDocBytes = maxDocBytes
    }

    var bytesRead: Int { lines.bytesRead }
    var currentLine: Int { lines.currentLineNumber }

    mutating func next() throws(InputError) -> InputDocument? {
        if split == .lines {
            while let line = try lines.next() {
                switch line {
                case .line(let bytes, let number):
                    if Self.isBlank(bytes) { continue }
                    return document(bytes, line: number)
                case .oversized(let count, let number):
                    return tooLarge("line is \(count) bytes", line: number)
                }
            }
            return nil
        }
        // Paragraphs and whole files: lines joined with "\n" until a blank line (paragraphs) or the end.
        var text: [UInt8] = []
        var firstLine = 0
        var size = 0
        var oversized = false
        while let line = try lines.next() {
            switch line {
            case .line(let bytes, let number):
                if split == .paragraphs && Self.isBlank(bytes) {
                    if firstLine == 0 { continue }
                    return finish(text, firstLine: firstLine, size: size, oversized: oversized)
                }
                if firstLine == 0 { firstLine = number }
                size += bytes.count + (size == 0 ? 0 : 1)
                if oversized || size > maxDocBytes {
                    oversized = true
                    text = []
                } else {
                    if !text.isEmpty { text.append(0x0A) }
                    text.append(contentsOf: bytes)
                }
            case .oversized(let count, let number):
                if firstLine == 0 { firstLine = number }
                size += count
                oversized = true
                text = []
            }
        }
        if firstLine == 0 { return nil }
        return finish(text, firstLine: firstLine, size: size, oversized: oversized)
    }

    private func finish(_ text: [UInt8], firstLine: Int, size: Int, oversized: Bool) -> InputDocument {
        let what = split == .file ? "file" : "paragraph"
        if oversized { return tooLarge("\(what) is \(size) bytes", line: firstLine) }
        return document(text, line: firstLine)
    }

    private func document(_ bytes: [UInt8], line: Int) -> InputDocument {
        let locator = DocumentLocator(source: path, line: line)
        if bytes.contains(0) {
            return InputDocument(
                locator: locator,
                payload: .unreadable(DocumentError(.binaryContent, "text holds NUL bytes (binary data?); not tokenized")))
        }
        let id = split == .file ? path : "\(path):\(line)"
        return InputDocument(locator: locator, payload: .extracted(id: .string(id), text: bytes, carried: []))
    }

    private func tooLarge(_ what: String, line: Int) -> InputDocument {
        InputDocument(
            locator: DocumentLocator(source: path, line: line),
            payload: .unreadable(
                DocumentError(.documentTooLarge, "\(what), over the limit of \(maxDocBytes) (--max-doc-bytes)")))
    }

    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C || $0 == 0x0B }
    }
}
