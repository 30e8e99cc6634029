import TextmillDocuments
import TextmillInput

/// `gzip`: compressed input, recognised by its magic bytes under any name.
///
/// Raw (odd first byte): the rest is the file; it must be read without crashing, and a
/// corrupt stream may only end the file with one `unreadable_input` record after the
/// documents read before it. Round trip (even first byte): the rest is JSONL, gzipped by
/// `ReferenceGzipWriter` and cut after a chosen byte; whole, it must read exactly as the
/// plain file does; cut, it must give a prefix of those documents and then one
/// `unreadable_input` record (a truncated download is never silently shorter).
public struct GzipInputTarget: FuzzTarget {
    public let name = "gzip"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let mode = cursor.byte()
        if mode & 1 == 1 {
            let content = [0x1F, 0x8B] + cursor.rest
            let path = FuzzScratch.file("raw.gz", content)
            guard case .success(let documents) = InputReading.documents(path, InputOptions(format: .jsonl)) else { return }
            try InputReading.checkLocators(documents, path: path)
            for (i, document) in documents.enumerated() {
                if case .unreadable(let error) = document.payload, error.code == .unreadableInput {
                    try PropertyViolation.require(i == documents.count - 1, "gzip: documents after an unreadable_input record")
                }
            }
            return
        }
        let blockSize = 1 + Int(cursor.byte()) * 64
        let cut = Int(cursor.byte()) << 8 | Int(cursor.byte())
        let plain = cursor.rest
        let compressed = ReferenceGzipWriter.gzip(plain, blockSize: blockSize)
        let limit = 64 << 20
        let expected = JSONLReaderTarget.expected(plain, limit: limit)
        // Whole, or cut somewhere after the 10-byte header.
        let keep = cut == 0 || 10 + cut >= compressed.count ? compressed.count : 10 + cut
        let path = FuzzScratch.file("input.jsonl.gz", Array(compressed[..<keep]))
        let read = InputReading.documents(path, InputOptions(format: .jsonl, maxDocBytes: limit))
        guard case .success(let documents) = read else { throw PropertyViolation("gzip: the stream failed: \(read)") }
        try InputReading.checkLocators(documents, path: path)
        let described = documents.map(InputReading.describe)
        if keep == compressed.count {
            try InputReading.compare(documents, expected, "gzip whole")
            return
        }
        try PropertyViolation.require(
            described.last?.hasSuffix("error unreadable_input") == true,
            "gzip cut at \(keep) of \(compressed.count) bytes: no unreadable_input record at the end (\(described.count) documents)")
        let before = Array(described.dropLast())
        try PropertyViolation.require(
            before.count <= expected.count && Array(expected.prefix(before.count)) == before,
            "gzip cut at \(keep): the documents before the error are not a prefix of the plain file's")
    }
}
