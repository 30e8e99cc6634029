import ArgumentParser
import TextmillInput
import TextmillRun

/// `--format`, `--split`, the CSV columns, the XML/HTML selectors and `--max-doc-bytes`: how
/// input files become documents. (JSONL fields are `InputFieldOptions`.)
struct InputOptions: ParsableArguments {
    @Option(help: "Input format: auto (by extension, then content; gzip is always detected), jsonl, text, csv, tsv, xml, html.")
    var format: InputFormat = .auto

    @Option(help: "Plain text: one document per line, per paragraph (blank-line separated) or per file.")
    var split: TextSplit = .lines

    @Option(help: "CSV/TSV column holding the text, by header name or 1-based position (default: the column named text).")
    var textColumn: String?

    @Option(help: "CSV/TSV column holding the id (default: the column named id, else the line number).")
    var idColumn: String?

    @Option(help: "XML/HTML: the elements that are documents, e.g. //page. XML is streamed, so only element paths (//a/b, /a/b, //a|//b); HTML takes any XPath.")
    var xpath: String?

    @Option(name: .customLong("id-xpath"), help: "XML/HTML: each document's id, relative to its element (XML: title, revision/id, @id; HTML: any XPath).")
    var idXPath: String?

    @Option(help: "Largest document in bytes (suffixes KiB, MiB); a larger one becomes a document_too_large error record, never buffered whole.")
    var maxDocBytes = ByteCount(64 << 20)

    /// Copies these options into `request`.
    func fill(_ request: inout RunRequest) {
        request.format = format
        request.split = split
        request.textColumn = textColumn
        request.idColumn = idColumn
        request.xpath = xpath
        request.idXPath = idXPath
        request.maxDocBytes = maxDocBytes.value
    }

    func validate() throws {
        do {
            try resolved(keepFields: []).validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The reader options; `keepFields` (from `--keep-fields`) names CSV/TSV columns to carry.
    func resolved(keepFields: [String]) -> TextmillInput.InputOptions {
        TextmillInput.InputOptions(
            format: format, split: split, textColumn: textColumn.map(ColumnSelector.init),
            idColumn: idColumn.map(ColumnSelector.init), keepFields: keepFields, xpath: xpath, idXPath: idXPath,
            maxDocBytes: maxDocBytes.value)
    }
}

extension InputFormat: ExpressibleByArgument {}
extension TextSplit: ExpressibleByArgument {}
