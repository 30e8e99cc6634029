import TextmillInput

/// `text`: plain text split by lines, paragraphs or whole file, against a reference built on
/// `ReferenceLines`.
///
/// Input: one byte for `--split`, one for `--max-doc-bytes` (1…256), then the file. Property:
/// the documents, their ids (`FILE:LINE`, or `FILE`), texts and first lines are the reference's;
/// blank lines separate and are never documents; an oversized line or document is one
/// `document_too_large`; NUL bytes in the first 64 KiB make the file one `binary_content`.
public struct TextReaderTarget: FuzzTarget {
    public let name = "text"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let split = TextSplit.allCases[cursor.choose(0...2)]
        let limit = cursor.choose(1...256)
        let content = cursor.rest
        let path = FuzzScratch.file("input.txt", content)
        let read = InputReading.documents(path, InputOptions(format: .text, split: split, maxDocBytes: limit))
        if content.starts(with: [0x1F, 0x8B]) { return }
        guard case .success(let documents) = read else {
            throw PropertyViolation("the text reader failed on a readable file: \(read)")
        }
        try InputReading.checkLocators(documents, path: path)
        try InputReading.compare(documents, Self.expected(content, split: split, limit: limit, path: path), "text \(split)")
    }

    static func expected(_ content: [UInt8], split: TextSplit, limit: Int, path: String) -> [String] {
        if content.isEmpty { return [] }
        if content.prefix(64 << 10).contains(0) { return ["line 1 error binary_content"] }
        let lines = ReferenceLines.split(ReferenceLines.withoutBOM(content), limit: limit)
        func document(_ text: [UInt8], _ line: Int) -> String {
            if text.contains(0) { return "line \(line) error binary_content" }
            let id = split == .file ? path : "\(path):\(line)"
            return "line \(line) id \"\(id)\" text \(hex(text)) carried []"
        }
        func tooLarge(_ line: Int) -> String { "line \(line) error document_too_large" }
        var out: [String] = []
        switch split {
        case .lines:
            for (i, line) in lines.enumerated() {
                switch line {
                case .oversized: out.append(tooLarge(i + 1))
                case .line(let bytes): if !isBlank(bytes) { out.append(document(bytes, i + 1)) }
                }
            }
        case .paragraphs, .file:
            var paragraph: [[UInt8]] = []
            var first = 0
            var oversized = false
            func finish() {
                // Lines join with "\n"; empty lines before the first text add nothing.
                var text: [UInt8] = []
                for line in paragraph {
                    if !text.isEmpty { text.append(0x0A) }
                    text += line
                }
                out.append(oversized || text.count > limit ? tooLarge(first) : document(text, first))
                paragraph = []
                first = 0
                oversized = false
            }
            for (i, line) in lines.enumerated() {
                switch line {
                case .oversized:
                    if first == 0 { first = i + 1 }
                    oversized = true
                case .line(let bytes):
                    if split == .paragraphs && isBlank(bytes) {
                        if first != 0 { finish() }
                        continue
                    }
                    if first == 0 { first = i + 1 }
                    paragraph.append(bytes)
                }
            }
            if first != 0 { finish() }
        }
        return out
    }

    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C || $0 == 0x0B }
    }
}
