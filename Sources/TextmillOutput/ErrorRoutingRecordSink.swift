import TextmillDocuments

/// Sends each chunk's error records (found by `failures`, without parsing) to a separate
/// file and the rest to the main sink, both in input order.
final class ErrorRoutingRecordSink: RecordSink {
    private let main: any RecordSink
    private let errors: RecordFile

    init(main: any RecordSink, errorsPath: String) throws(OutputError) {
        self.main = main
        self.errors = try RecordFile(path: errorsPath)
    }

    var bytesWritten: Int { main.bytesWritten + errors.bytesWritten }

    func write(_ result: ChunkResult) throws(OutputError) {
        let records = result.records
        guard !result.failures.isEmpty else { return try main.write(result) }
        var good: [UInt8] = []
        var bad: [UInt8] = []
        good.reserveCapacity(records.count)
        result.forEachLine { _, line, failure in
            let withNewline = records[line.lowerBound..<min(line.upperBound + 1, records.count)]
            if failure != nil { bad.append(contentsOf: withNewline) } else { good.append(contentsOf: withNewline) }
        }
        if !good.isEmpty {
            var kept = result
            kept.records = good
            kept.documentsOK = result.documentsOK
            kept.failures = []
            try main.write(kept)
        }
        if !bad.isEmpty { try errors.write(bad) }
    }

    func finish() throws(OutputError) {
        try main.finish()
        try errors.finish()
    }

    func abandon() {
        main.abandon()
        errors.abandon()
    }
}
