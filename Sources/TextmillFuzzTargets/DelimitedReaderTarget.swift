import TextmillDocuments
import TextmillInput
import TextmillJSON

/// `csv` and `tsv`: the RFC 4180 reader, two ways chosen by the first input byte.
///
/// Round trip (even first byte): the rest is cut into rows (at 0x00) and fields (at 0x01),
/// written as CSV/TSV by `ReferenceDelimitedWriter` (quoting what needs it, LF or CRLF), and
/// read back: every row must come back as one document with its text, id and kept field
/// exactly, on the line the writer put it. Raw (odd first byte): the rest is the file, with
/// `--max-doc-bytes` from the second byte; whatever it holds, documents are numbered in order
/// on strictly increasing lines, no text is over the limit, and a fatal error is only ever
/// about the header.
public struct DelimitedReaderTarget: FuzzTarget {
    public let name: String
    private let separator: UInt8

    /// `tab` false: `csv`; true: `tsv`.
    public init(tab: Bool) {
        name = tab ? "tsv" : "csv"
        separator = tab ? 0x09 : UInt8(ascii: ",")
    }

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let mode = cursor.byte()
        if mode & 1 == 0 {
            try roundTrip(cursor.rest, columns: 1 + Int(mode >> 1) % 3, crlf: mode & 0x80 != 0)
        } else {
            let limit = cursor.choose(1...256)
            try raw(cursor.rest, limit: limit)
        }
    }

    private func roundTrip(_ bytes: [UInt8], columns: Int, crlf: Bool) throws(PropertyViolation) {
        let names = ["text", "id", "extra"].prefix(columns).map { $0 }
        var rows: [[[UInt8]]] = bytes.isEmpty ? [] : bytes.split(separator: 0, omittingEmptySubsequences: false).map { row in
            var fields = row.split(separator: 1, omittingEmptySubsequences: false).map(Array.init)
            while fields.count < columns { fields.append([]) }
            return Array(fields.prefix(columns))
        }
        if rows.count > 200 { rows = Array(rows.prefix(200)) }
        var writer = ReferenceDelimitedWriter(separator: separator, lineEnd: crlf ? [0x0D, 0x0A] : [0x0A])
        writer.row(names.map { Array($0.utf8) })
        var expected: [String] = []
        var line = 2
        for row in rows {
            writer.row(row)
            let id = columns > 1 ? JSONValue.string(String(decoding: row[1], as: UTF8.self)).jsonText : "-"
            let carried = columns > 2 ? ["extra=\(JSONValue.string(String(decoding: row[2], as: UTF8.self)).jsonText)"] : []
            expected.append("line \(line) id \(id) text \(hex(row[0])) carried \(carried)")
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == 0x0A }.count }
        }
        let path = FuzzScratch.file("input.\(name)", writer.bytes)
        let options = InputOptions(
            format: separator == 0x09 ? .tsv : .csv, keepFields: columns > 2 ? ["extra"] : [], maxDocBytes: 1 << 20)
        let read = InputReading.documents(path, options)
        guard case .success(let documents) = read else {
            throw PropertyViolation("\(name) round trip: the reader failed on a well-formed file: \(read)")
        }
        // A row holding NUL bytes makes the whole file binary; the writer's rows hold none.
        try InputReading.checkLocators(documents, path: path)
        try InputReading.compare(documents, expected, "\(name) round trip")
    }

    private func raw(_ content: [UInt8], limit: Int) throws(PropertyViolation) {
        let path = FuzzScratch.file("raw.\(name)", content)
        let options = InputOptions(
            format: separator == 0x09 ? .tsv : .csv, textColumn: ColumnSelector("1"), keepFields: ["2"], maxDocBytes: limit)
        switch InputReading.documents(path, options) {
        case .failure(let error):
            if content.starts(with: [0x1F, 0x8B]) { return }
            try PropertyViolation.require(
                error.message.contains("header"), "\(name): a fatal error that is not about the header: \(error)")
        case .success(let documents):
            try InputReading.checkLocators(documents, path: path)
            var lastLine = 0
            for document in documents {
                try PropertyViolation.require(
                    document.locator.line > lastLine, "\(name): line \(document.locator.line) after line \(lastLine)")
                lastLine = document.locator.line
                if case .extracted(_, let text, _) = document.payload {
                    try PropertyViolation.require(text.count <= limit, "\(name): a text of \(text.count) bytes over the limit \(limit)")
                    try PropertyViolation.require(text.count <= content.count, "\(name): a text longer than the file")
                }
            }
        }
    }
}
