import TextmillDocuments

/// Sends each chunk's error records (found by `failedPositions`, without parsing) to a separate
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
        let records = result.records, failedPositions = result.failedPositions
        guard !failedPositions.isEmpty else { return try main.write(result) }
        var good: [UInt8] = []
        var bad: [UInt8] = []
        good.reserveCapacity(records.count)
        var failed = failedPositions.sorted()[...]
        var line = 0
        var start = 0
        for i in records.indices where records[i] == 0x0A {
            if failed.first == line {
                bad.append(contentsOf: records[start...i])
                failed.removeFirst()
            } else {
                good.append(contentsOf: records[start...i])
            }
            line += 1
            start = i + 1
        }
        if start < records.count { good.append(contentsOf: records[start...]) }
        if !good.isEmpty {
            var kept = result
            kept.records = good
            kept.documentsOK = result.documentsOK
            kept.failedPositions = []
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
