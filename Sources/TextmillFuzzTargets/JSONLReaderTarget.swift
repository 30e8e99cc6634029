import TextmillInput

/// `jsonl`: the JSONL reader (`LineReader` under `DocumentStream`) against `ReferenceLines`.
///
/// Input: one byte for `--max-doc-bytes` (1…256), then the file. Property: one document per
/// line, in order, numbered by line, holding exactly the line's bytes, or `document_too_large`
/// for a line over the limit. A file that starts like gzip goes the gzip path and must only
/// not crash here (the `gzip` target checks it).
public struct JSONLReaderTarget: FuzzTarget {
    public let name = "jsonl"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let limit = cursor.choose(1...256)
        let content = cursor.rest
        let path = FuzzScratch.file("input.jsonl", content)
        let read = InputReading.documents(path, InputOptions(format: .jsonl, maxDocBytes: limit))
        if content.starts(with: [0x1F, 0x8B]) { return }
        guard case .success(let documents) = read else {
            throw PropertyViolation("the JSONL reader failed on a readable file: \(read)")
        }
        try InputReading.checkLocators(documents, path: path)
        try InputReading.compare(documents, Self.expected(content, limit: limit), "jsonl")
    }

    static func expected(_ content: [UInt8], limit: Int) -> [String] {
        ReferenceLines.split(ReferenceLines.withoutBOM(content), limit: limit).enumerated().map { i, line in
            switch line {
            case .line(let bytes): "line \(i + 1) json \(hex(bytes))"
            case .oversized: "line \(i + 1) error document_too_large"
            }
        }
    }
}
