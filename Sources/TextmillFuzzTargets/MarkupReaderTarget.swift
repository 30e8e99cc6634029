import TextmillDocuments
import TextmillInput

/// `xml` and `html`: libxml2's streaming reader and HTML parser behind `DocumentStream`.
///
/// Input: one byte choosing `--xpath`/`--id-xpath` (none, `//doc` with `@id`, `//p|//item`
/// with `title`), one for `--max-doc-bytes` (16…4096), then the file. Properties, beyond not
/// crashing under AddressSanitizer: texts are valid UTF-8 when the input is (XML: always, as
/// libxml2 checks the encoding; HTML passes undeclared bytes on for `repair_utf8`, as JSONL
/// does), ids are strings, no text is over the limit, the texts together are at most a
/// small multiple of the input (entities are not expanded: no bombs), and the only fatal
/// errors are the documented ones.
public struct MarkupReaderTarget: FuzzTarget {
    public let name: String
    private let format: InputFormat

    /// `html` false: `xml`; true: `html`.
    public init(html: Bool) {
        name = html ? "html" : "xml"
        format = html ? .html : .xml
    }

    private static let selections: [(xpath: String?, idXPath: String?)] = [
        (nil, nil), ("//doc", "@id"), ("//p|//item", "title"),
    ]

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let selection = Self.selections[cursor.choose(0...2)]
        let limit = 16 << cursor.choose(0...8)
        let content = cursor.rest
        let utf8Input = String(validating: content, as: UTF8.self) != nil
        let path = FuzzScratch.file("input.\(name)", content)
        let options = InputOptions(format: format, xpath: selection.xpath, idXPath: selection.idXPath, maxDocBytes: limit)
        switch InputReading.documents(path, options) {
        case .failure(let error):
            // Fatal only when the file cannot be opened as this format at all.
            try PropertyViolation.require(error.kind == .fatal, "\(name): a non-fatal error escaped the stream: \(error)")
        case .success(let documents):
            try InputReading.checkLocators(documents, path: path)
            var total = 0
            for document in documents {
                guard case .extracted(let id, let text, let carried) = document.payload else { continue }
                try PropertyViolation.require(carried.isEmpty, "\(name): carried fields from markup")
                if format == .xml || utf8Input {
                    try PropertyViolation.require(
                        String(validating: text, as: UTF8.self) != nil, "\(name): extracted text is not valid UTF-8: \(hex(text))")
                }
                try PropertyViolation.require(text.count <= limit, "\(name): a text of \(text.count) bytes over the limit \(limit)")
                if let id { try PropertyViolation.require(id.stringValue != nil, "\(name): an id that is not a string: \(id.jsonText)") }
                total += text.count
            }
            try PropertyViolation.require(
                total <= 4 * content.count + 64, "\(name): \(total) bytes of text from a \(content.count)-byte file")
        }
    }
}
