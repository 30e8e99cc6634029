import TextmillDocuments

/// Every record into one file (or stdout), in order.
final class SingleFileRecordSink: RecordSink {
    private let file: RecordFile

    init(path: String) throws(OutputError) { file = try RecordFile(path: path) }

    var bytesWritten: Int { file.bytesWritten }

    func write(_ result: ChunkResult) throws(OutputError) { try file.write(result.records) }
    func finish() throws(OutputError) { try file.finish() }
    func abandon() { file.abandon() }
}
