import TextmillDocuments
import TextmillJSON

/// CSV (RFC 4180) and TSV (the same rules with a tab): quoted fields with embedded separators,
/// newlines and doubled quotes, CRLF or LF line ends. The first row is the header; each later
/// row is one document.
///
/// A malformed row (a quote inside an unquoted field, text after a closing quote, a quote
/// never closed, a field count unlike the header's) becomes a `malformed_record` error record
/// naming its first line; parsing resumes with the next row, so nothing else is lost. A header
/// without the chosen columns is a fatal error: no row of that file could be read correctly.
struct CSVDocumentReader: FileDocumentReader {
    private var source: AnyByteSource
    private let path: String
    private let separator: UInt8
    private let options: InputOptions
    private var block = [UInt8](repeating: 0, count: 1 << 20)
    private var position = 0
    private var end = 0
    private var ended = false
    private var skipLineFeed = false
    private var line = 1
    private(set) var bytesRead = 0

    private var header: [String]?
    private var textIndex = 0
    private var idIndex: Int?
    private var keep: [(name: String, index: Int)] = []

    init(_ source: AnyByteSource, path: String, separator: UInt8, options: InputOptions) {
        self.source = source
        self.path = path
        self.separator = separator
        self.options = options
    }

    var currentLine: Int { line - 1 }

    private struct Row {
        var fields: [[UInt8]] = []
        var firstLine: Int
        var problem: String?
        var byteCount = 0
        var oversized = false
        var blank: Bool { fields.count == 1 && fields[0].isEmpty && !quoted }
        var quoted = false
    }

    mutating func next() throws(InputError) -> InputDocument? {
        if header == nil { try readHeader() }
        while let row = try readRow() {
            if row.blank { continue }
            return document(row)
        }
        return nil
    }

    private mutating func readHeader() throws(InputError) {
        var row: Row?
        repeat { row = try readRow() } while row?.blank == true
        guard let row else {
            header = []
            return
        }
        if let problem = row.problem { throw InputError(path, "header row (line \(row.firstLine)) is malformed: \(problem)") }
        let names = row.fields.map { String(decoding: $0, as: UTF8.self) }
        header = names
        let columns = names.joined(separator: ", ")
        let text = options.textColumn ?? ColumnSelector("text")
        guard let index = text.index(in: names) else {
            throw InputError(path, "no column '\(text)' in the header (columns: \(columns)); choose one with --text-column")
        }
        textIndex = index
        if let id = options.idColumn {
            guard let index = id.index(in: names) else {
                throw InputError(path, "no column '\(id)' in the header (columns: \(columns)) for --id-column")
            }
            idIndex = index
        } else {
            idIndex = names.firstIndex(of: "id")
        }
        for name in options.keepFields {
            guard let index = ColumnSelector(name).index(in: names) else {
                throw InputError(path, "no column '\(name)' in the header (columns: \(columns)) for --keep-fields")
            }
            keep.append((name, index))
        }
    }

    private func document(_ row: Row) -> InputDocument {
        let locator = DocumentLocator(source: path, line: row.firstLine)
        let failure = { (code: DocumentError.Code, message: String) in
            InputDocument(locator: locator, payload: .unreadable(DocumentError(code, message)))
        }
        if row.oversized {
            return failure(
                .documentTooLarge, "row is \(row.byteCount) bytes, over the limit of \(options.maxDocBytes) (--max-doc-bytes)")
        }
        if let problem = row.problem { return failure(.malformedRecord, "malformed row: \(problem)") }
        let columns = header?.count ?? 0
        if row.fields.count != columns {
            return failure(.malformedRecord, "row has \(row.fields.count) fields, the header has \(columns)")
        }
        let id = idIndex.map { JSONValue.string(String(decoding: row.fields[$0], as: UTF8.self)) }
        let carried = keep.map { (key: $0.name, value: JSONValue.string(String(decoding: row.fields[$0.index], as: UTF8.self))) }
        return InputDocument(
            locator: locator, payload: .extracted(id: id, text: row.fields[textIndex], carried: carried))
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    /// One row, or nil at the end of the input.
    private mutating func readRow() throws(InputError) -> Row? {
        var row = Row(firstLine: line)
        var field: [UInt8] = []
        var state = State.fieldStart
        var quoteLine = line
        var sawByte = false
        let quote = UInt8(ascii: "\"")
        let limit = options.maxDocBytes

        func add(_ byte: UInt8, _ row: inout Row, _ field: inout [UInt8]) {
            row.byteCount += 1
            if row.byteCount > limit {
                if !row.oversized { field = []; row.fields = [] }
                row.oversized = true
            } else {
                field.append(byte)
            }
        }

        while true {
            guard let byte = try nextByte() else {
                if !sawByte { return nil }
                if state == .quoted { row.problem = row.problem ?? "the quoted field opened on line \(quoteLine) is never closed" }
                row.fields.append(field)
                return row
            }
            sawByte = true
            let lineEnd = byte == 0x0A || byte == 0x0D
            if lineEnd && state != .quoted {
                if byte == 0x0D { skipLineFeed = true }
                line += 1
                row.fields.append(field)
                return row
            }
            switch state {
            case .fieldStart, .unquoted:
                if byte == separator {
                    row.fields.append(field)
                    field = []
                    state = .fieldStart
                } else if byte == quote && state == .fieldStart {
                    state = .quoted
                    row.quoted = true
                    quoteLine = line
                } else {
                    if byte == quote {
                        row.problem = row.problem ?? "a quote inside an unquoted field on line \(line)"
                    }
                    add(byte, &row, &field)
                    state = .unquoted
                }
            case .quoted:
                if byte == quote {
                    state = .afterQuote
                } else {
                    if byte == 0x0A { line += 1 }
                    add(byte, &row, &field)
                }
            case .afterQuote:
                if byte == quote {
                    add(quote, &row, &field)
                    state = .quoted
                } else if byte == separator {
                    row.fields.append(field)
                    field = []
                    state = .fieldStart
                } else {
                    row.problem = row.problem ?? "text after the closing quote of a field on line \(line)"
                    add(byte, &row, &field)
                    state = .unquoted
                }
            }
        }
    }

    @inline(__always)
    private mutating func nextByte() throws(InputError) -> UInt8? {
        while true {
            if position == end {
                if ended { return nil }
                try refill()
                continue
            }
            let byte = block[position]
            position += 1
            if skipLineFeed {
                skipLineFeed = false
                if byte == 0x0A { continue }
            }
            return byte
        }
    }

    private mutating func refill() throws(InputError) {
        let result: Result<Int, InputError> = block.withUnsafeMutableBytes { raw in
            do throws(InputError) { return .success(try source.read(into: raw)) } catch { return .failure(error) }
        }
        let n = try result.get()
        bytesRead += n
        position = 0
        end = n
        if n == 0 { ended = true }
    }
}
