/// Every record into one file (or stdout), in order.
final class SingleFileRecordSink: RecordSink {
    private let file: RecordFile

    init(path: String) throws(OutputError) { file = try RecordFile(path: path) }

    var bytesWritten: Int { file.bytesWritten }

    func write(records: [UInt8], failedPositions: [Int]) throws(OutputError) { try file.write(records) }
    func finish() throws(OutputError) { try file.finish() }
    func abandon() { file.abandon() }
}
