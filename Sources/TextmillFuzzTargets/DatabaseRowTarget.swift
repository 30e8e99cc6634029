import TextmillDatabase
import TextmillDocuments
import TextmillJSON

/// `db-rows`: the database sinks' row encoders: PostgreSQL `COPY` text rows
/// (`PostgresCopyRows`, what `--sink postgresql://` sends), SQLite row binding
/// (`SQLiteRecordSink` into a scratch database), and the quoting of table names.
///
/// Byte 1: bits 0–4 the typed columns (text, tokens, ids, token_count, sentence_count),
/// bits 5–6 which records are error records (none, all, every other), bit 7 SQLite too.
/// Byte 2: the run key's length (0–15), then the run key; the rest is the chunk's JSONL.
///
/// Properties: the COPY data decodes, under PostgreSQL's text rules (`ReferenceCopyDecoder`),
/// into one row per record line with one field per column, never holding a raw carriage
/// return, NUL or end-of-data marker; for a record that is a JSON object in valid UTF-8, every
/// field is the value jsonb would give (`record->>'id'`, the error's code and message, the
/// typed columns, with the last of duplicate keys winning), valid UTF-8, U+0000 stored as
/// U+FFFD; `record` is JSON that jsonb accepts and equal to the line; `text[]` and `bigint[]`
/// literals read back (`ReferenceArrayLiteral`) as the array's elements, and a `bigint[]` is
/// NULL unless every element is an integer in range. SQLite returns the same values (NUL kept,
/// `record` byte for byte, arrays as JSON text equal to the record's). Any name the table
/// accepts is a plain lowercase identifier, and any string quotes to exactly one identifier.
public struct DatabaseRowTarget: FuzzTarget {
    public let name = "db-rows"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let options = Int(cursor.byte())
        let keyBytes = (0..<cursor.choose(0...15)).map { _ in cursor.byte() }
        let runKey = String(decoding: keyBytes, as: UTF8.self)
        let records = cursor.rest
        try checkIdentifier(runKey)
        let columns = TypedColumn.allCases.enumerated().filter { options >> $0.offset & 1 == 1 }.map(\.element)
        let lines = Self.lines(records)
        let failed: [Int] = switch options >> 5 & 3 {
        case 1: Array(lines.indices)
        case 2: lines.indices.filter { $0 % 2 == 0 }
        default: []
        }
        let table: DatabaseTable
        do { table = try DatabaseTable(name: "t\(options & 31)", typedColumns: columns) } catch {
            throw PropertyViolation("db-rows: table t\(options & 31) refused: \(error)")
        }
        let expected = lines.enumerated().map { (i, line) in ExpectedRow(line: line, isError: failed.contains(i), columns: columns) }
        try checkCopy(table, runKey, records, failed, expected)
        if options & 0x80 != 0 { try checkSQLite(table, runKey, records, failed, expected) }
    }

    /// Record lines as `RecordLines` cuts them: at each newline, a last line without one counting too.
    static func lines(_ records: [UInt8]) -> [[UInt8]] {
        var lines = records.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if records.last == 0x0A || records.isEmpty { lines.removeLast() }
        return lines
    }

    private func checkCopy(_ table: DatabaseTable, _ runKey: String, _ records: [UInt8], _ failed: [Int], _ expected: [ExpectedRow]) throws(PropertyViolation) {
        var rows = PostgresCopyRows(table: table, runKey: runKey)
        let last: Int
        do { last = try rows.encode(records, failedPositions: failed, after: 10) } catch {
            try PropertyViolation.require(
                expected.contains { $0.value == nil }, "db-rows: COPY encoding refused records that are all JSON objects: \(error)")
            return
        }
        try PropertyViolation.require(last == 10 + expected.count, "db-rows: COPY numbered \(expected.count) records up to \(last)")
        let decoded: [ReferenceCopyDecoder.Row]
        switch ReferenceCopyDecoder.rows(rows.bytes) {
        case .success(let r): decoded = r
        case .failure(let violation): throw PropertyViolation("db-rows: \(violation) (\(hex(rows.bytes.prefix(200).map { $0 })))")
        }
        try PropertyViolation.require(decoded.count == expected.count, "db-rows: \(expected.count) records gave \(decoded.count) COPY rows")
        let key = ExpectedRow.postgresText(Array(runKey.utf8))
        for (n, (row, want)) in zip(decoded, expected).enumerated() {
            let label = "db-rows: COPY row \(n + 1)"
            try PropertyViolation.require(row.count == 6 + table.typedColumns.count, "\(label) has \(row.count) fields for \(6 + table.typedColumns.count) columns")
            try PropertyViolation.require(row[0] == key && row[1] == Array(String(11 + n).utf8), "\(label): run key or ordinal reads \(row[0].map(hex) ?? "NULL"), \(row[1].map(hex) ?? "NULL")")
            guard let value = want.value else { continue }
            guard let record = row[3] else { throw PropertyViolation("\(label): record is NULL") }
            if let refusal = ReferenceJSONBInput.refusal(record) {
                throw PropertyViolation("\(label): jsonb would refuse the record (\(refusal)): \(hex(record))")
            }
            let stored: JSONValue
            do { stored = try JSONValue.parse(record) } catch { throw PropertyViolation("\(label): record does not parse: \(error)") }
            try PropertyViolation.require(stored == ExpectedRow.postgres(value), "\(label): record reads \(hex(record)), the line is \(hex(want.line))")
            let fields = [want.id, want.errorCode, want.errorMessage].map { $0.map(ExpectedRow.postgresText) }
            for (i, field) in fields.enumerated() {
                try PropertyViolation.require(row[[2, 4, 5][i]] == field, "\(label): field \([2, 4, 5][i] + 1) reads \(row[[2, 4, 5][i]].map(hex) ?? "NULL"), expected \(field.map(hex) ?? "NULL")")
            }
            for (c, column) in table.typedColumns.enumerated() {
                let got = row[6 + c]
                switch column {
                case .text:
                    try PropertyViolation.require(got == want.text.map(ExpectedRow.postgresText), "\(label): text column reads \(got.map(hex) ?? "NULL")")
                case .tokens:
                    let elements = got.flatMap(ReferenceArrayLiteral.elements)
                    let wanted = want.tokens.map { $0.map { Optional(ExpectedRow.postgresText($0)) } }
                    try PropertyViolation.require(
                        (got == nil && wanted == nil) || (elements != nil && elements! == wanted),
                        "\(label): text[] column \(got.map(hex) ?? "NULL") reads \(elements.map { "\($0.count) elements" } ?? "malformed"), expected \(wanted?.count.description ?? "NULL")")
                case .ids:
                    let elements = got.flatMap(ReferenceArrayLiteral.elements)?.map { $0.flatMap { Int64(String(decoding: $0, as: UTF8.self)) } }
                    try PropertyViolation.require(
                        (got == nil && want.ids == nil) || (elements != nil && elements! == want.ids?.map { Optional($0) }),
                        "\(label): bigint[] column \(got.map(hex) ?? "NULL"), expected \(want.ids?.description ?? "NULL")")
                case .tokenCount, .sentenceCount:
                    let count = column == .tokenCount ? want.tokenCount : want.sentenceCount
                    try PropertyViolation.require(got == count.map { Array(String($0).utf8) }, "\(label): \(column.rawValue) reads \(got.map(hex) ?? "NULL")")
                }
            }
        }
    }

    private func checkSQLite(_ table: DatabaseTable, _ runKey: String, _ records: [UInt8], _ failed: [Int], _ expected: [ExpectedRow]) throws(PropertyViolation) {
        let writer: SQLiteRecordSink
        do {
            writer = try SQLiteRecordSink(path: FuzzScratch.path("rows.sqlite"), table: table, runKey: runKey)
            // One scratch database for every execution: empty it; `begin` reads the run state again.
            try writer.database.execute("DELETE FROM \(DatabaseTable.quoted(table.name)); DELETE FROM \(DatabaseTable.quoted(table.runsName))")
            _ = try writer.begin(resume: false, description: Array("{}".utf8))
        } catch {
            throw PropertyViolation("db-rows: the scratch SQLite run did not begin: \(error)")
        }
        do {
            let failures = failed.map { DocumentFailure(position: $0, error: DocumentError(.pipelineError, "fuzz")) }
            try writer.write(ChunkResult(index: 0, records: records, documentsOK: expected.count - failed.count, failures: failures))
            try writer.finish()
        } catch {
            writer.abandon()
            try PropertyViolation.require(expected.contains { $0.value == nil }, "db-rows: SQLite refused records that are all JSON objects: \(error)")
            return
        }
        let columnNames = (["run_key", "ordinal", "id", "record", "error_code", "error_message"] + table.typedColumns.map(\.rawValue)).joined(separator: ", ")
        let rows: [[DatabaseValue]]
        do {
            rows = try writer.database.query("SELECT \(columnNames) FROM \(DatabaseTable.quoted(table.name)) WHERE run_key = ? ORDER BY ordinal", [.text(runKey)])
        } catch {
            throw PropertyViolation("db-rows: SQLite rows do not read back: \(error)")
        }
        try PropertyViolation.require(rows.count == expected.count, "db-rows: \(expected.count) records gave \(rows.count) SQLite rows")
        for (n, (row, want)) in zip(rows, expected).enumerated() {
            let label = "db-rows: SQLite row \(n + 1)"
            try PropertyViolation.require(row[0] == .text(runKey) && row[1] == .integer(Int64(n + 1)), "\(label): run key or ordinal reads \(row[0]), \(row[1])")
            try PropertyViolation.require(row[3] == .text(String(decoding: want.line, as: UTF8.self)), "\(label): record reads other bytes than the line")
            guard want.value != nil else { continue }
            let fields = [want.id, want.errorCode, want.errorMessage].map(ExpectedRow.sqliteText)
            for (i, field) in fields.enumerated() {
                try PropertyViolation.require(row[[2, 4, 5][i]] == field, "\(label): column \([2, 4, 5][i] + 1) reads \(row[[2, 4, 5][i]]), expected \(field)")
            }
            for (c, column) in table.typedColumns.enumerated() {
                let got = row[6 + c]
                switch column {
                case .text:
                    try PropertyViolation.require(got == ExpectedRow.sqliteText(want.text), "\(label): text reads \(got)")
                case .tokens, .ids:
                    let array = want.arrays[column == .tokens ? 0 : 1]
                    let read = got.stringValue.flatMap { try? JSONValue.parse($0) }
                    try PropertyViolation.require(
                        (got == .null && array == nil) || (read != nil && read == array),
                        "\(label): \(column.rawValue) reads \(got), expected \(array.map { "\($0)" } ?? "NULL")")
                case .tokenCount, .sentenceCount:
                    let count = column == .tokenCount ? want.tokenCount : want.sentenceCount
                    try PropertyViolation.require(got == (count.map { .integer(Int64($0)) } ?? .null), "\(label): \(column.rawValue) reads \(got)")
                }
            }
        }
    }

    /// Table names: accepted ones are plain identifiers; quoting any string gives one identifier.
    private func checkIdentifier(_ candidate: String) throws(PropertyViolation) {
        let quoted = DatabaseTable.quoted(candidate)
        try PropertyViolation.require(Self.unquote(quoted) == candidate, "db-rows: \(candidate.debugDescription) quotes to \(quoted.debugDescription), not one identifier")
        guard let table = try? DatabaseTable(name: candidate) else { return }
        let bytes = Array(candidate.utf8)
        try PropertyViolation.require(
            !bytes.isEmpty && bytes.count <= 58 && !(0x30...0x39).contains(bytes[0])
                && bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F },
            "db-rows: table name \(candidate.debugDescription) accepted")
        for statement in [table.createStatement(.postgres), table.createRunsStatement(.sqlite)] {
            let name = statement.hasPrefix("CREATE TABLE IF NOT EXISTS \(DatabaseTable.quoted(candidate)) (")
                || statement.hasPrefix("CREATE TABLE IF NOT EXISTS \(DatabaseTable.quoted(candidate + "_runs")) (")
            try PropertyViolation.require(name, "db-rows: \(statement.debugDescription) does not start with the quoted table name")
        }
    }

    /// The identifier a double-quoted SQL identifier stands for, or nil when the text is not exactly one.
    static func unquote(_ quoted: String) -> String? {
        let bytes = Array(quoted.utf8)
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { return nil }
        var out: [UInt8] = []
        var i = 1
        while i < bytes.count - 1 {
            if bytes[i] == 0x22 {
                guard bytes[i + 1] == 0x22, i + 1 < bytes.count - 1 else { return nil }
                i += 1
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
