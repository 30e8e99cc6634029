import TextmillOutput

/// The `COPY … FROM STDIN` data of one chunk: one text-format row per record line, in the
/// records table's column order. The PostgreSQL sink sends it; the `db-rows` fuzz target
/// decodes it back under PostgreSQL's COPY text rules and compares with the records.
package struct PostgresCopyRows {
    package let table: DatabaseTable
    package let runKey: String
    private var encoder = PostgresCopyEncoder()
    /// The run key as COPY text, the first field of every row.
    private let runKeyField: [UInt8]

    package init(table: DatabaseTable, runKey: String) {
        self.table = table
        self.runKey = runKey
        var key = PostgresCopyEncoder()
        key.text(runKey.utf8)
        runKeyField = key.bytes
    }

    /// The rows encoded by the last `encode`.
    package var bytes: [UInt8] { encoder.bytes }
    /// How many of them have an `error_code` (error records whose code is a string or number).
    package private(set) var failed = 0

    /// Encodes the record lines of `records` (JSONL, `failedPositions` as in `ChunkResult`)
    /// as rows numbered on from `ordinal`; returns the last ordinal used.
    package mutating func encode(_ records: [UInt8], failedPositions: [Int], after ordinal: Int) throws(OutputError) -> Int {
        encoder.reset()
        failed = 0
        return try RecordLines.forEach(in: records, failedPositions: failedPositions, after: ordinal) {
            (line, ordinal, isError) throws(OutputError) in
            try encodeRow(line: line, ordinal: ordinal, isError: isError)
        }
    }

    private mutating func encodeRow(line: UnsafeBufferPointer<UInt8>, ordinal: Int, isError: Bool) throws(OutputError) {
        let fields = try RecordFields(line: line, isError: isError, typedColumns: table.typedColumns, ordinal: ordinal)
        encoder.raw(runKeyField)
        encoder.tab()
        encoder.integer(ordinal)
        encoder.tab()
        encoder.text(fields.id, in: line)
        encoder.tab()
        encoder.json(line)
        encoder.tab()
        if isError {
            let mark = encoder.bytes.count
            encoder.text(fields.errorCode, in: line)
            if encoder.bytes[mark...].elementsEqual([0x5C, 0x4E]) == false { failed += 1 }  // not \N
        } else {
            encoder.null()
        }
        encoder.tab()
        if isError { encoder.text(fields.errorMessage, in: line) } else { encoder.null() }
        for (i, column) in table.typedColumns.enumerated() {
            encoder.tab()
            let node = fields.typed[i]
            switch column {
            case .text: encoder.text(node, in: line)
            case .tokens: encoder.textArray(node, in: line)
            case .ids: encoder.integerArray(node, in: line)
            case .tokenCount, .sentenceCount:
                if let count = RecordFields.count(node) { encoder.integer(count) } else { encoder.null() }
            }
        }
        encoder.endRow()
    }
}
