/// How `DocumentStream` turns files into documents: the format and each format's settings.
///
/// JSONL field paths (`--text-field`, `--id-field`, `--keep-fields`) are applied by the worker
/// that parses the line; here `keepFields` only names the CSV/TSV columns to carry through.
public struct InputOptions: Sendable, Equatable {
    public var format: InputFormat
    public var split: TextSplit
    /// CSV/TSV text column; nil means the column named `text`.
    public var textColumn: ColumnSelector?
    /// CSV/TSV id column; nil means the column named `id` when there is one, else the line number.
    public var idColumn: ColumnSelector?
    /// CSV/TSV columns copied to each output record.
    public var keepFields: [String]
    /// XML/HTML: the elements that are documents; nil means the whole file is one document.
    public var xpath: String?
    /// XML/HTML: each document's id, relative to its element.
    public var idXPath: String?
    /// A larger document becomes a `document_too_large` error record instead of being buffered.
    public var maxDocBytes: Int

    public init(
        format: InputFormat = .auto, split: TextSplit = .lines, textColumn: ColumnSelector? = nil,
        idColumn: ColumnSelector? = nil, keepFields: [String] = [], xpath: String? = nil, idXPath: String? = nil,
        maxDocBytes: Int = 64 << 20
    ) {
        self.format = format
        self.split = split
        self.textColumn = textColumn
        self.idColumn = idColumn
        self.keepFields = keepFields
        self.xpath = xpath
        self.idXPath = idXPath
        self.maxDocBytes = maxDocBytes
    }

    /// Checks the options before any input is opened; errors name the option.
    public func validate() throws(InputError) {
        if maxDocBytes < 1 { throw InputError("--max-doc-bytes", "must be at least 1, got \(maxDocBytes)") }
        if idXPath != nil && xpath == nil {
            throw InputError("--id-xpath", "needs --xpath (the elements whose ids it picks)")
        }
        // XML needs the streamable subset; HTML takes any XPath. Refuse up front only an
        // expression that neither can use.
        if let xpath, (try? ElementPattern(xpath)) == nil, !LibXML.isValidXPath(xpath) {
            throw InputError("--xpath", "'\(xpath)' is not a valid XPath expression")
        }
        if format == .xml, let xpath { _ = try ElementPattern(xpath) }
        if let idXPath, (try? IDPath(idXPath)) == nil, !LibXML.isValidXPath(idXPath) {
            throw InputError("--id-xpath", "'\(idXPath)' is not a valid XPath expression")
        }
        if format == .xml, let idXPath { _ = try IDPath(idXPath) }
    }
}
