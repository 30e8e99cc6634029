import TextmillDocuments
import TextmillOutput

/// A chunk's JSONL bytes as numbered record lines (one per document), cut by `JSONLLines`.
enum RecordLines {
    /// Calls `body` with each record line of `records` (without its newline), whether it is an
    /// error record (`failedPositions`, ascending), and its ordinal, counting on from `ordinal`.
    /// Returns the last ordinal used.
    static func forEach(
        in records: [UInt8], failedPositions: [Int], after ordinal: Int,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ ordinal: Int, _ isError: Bool) throws(OutputError) -> Void
    ) throws(OutputError) -> Int {
        try forEach(in: records, failedPositions: failedPositions, after: ordinal) { (line, _, ordinal, isError) throws(OutputError) in
            try body(line, ordinal, isError)
        }
    }

    /// The same, also handing over where the line lies in `records`.
    static func forEach(
        in records: [UInt8], failedPositions: [Int], after ordinal: Int,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ ordinal: Int, _ isError: Bool) throws(OutputError) -> Void
    ) throws(OutputError) -> Int {
        var ordinal = ordinal
        try records.withUnsafeBufferPointer { (buffer) throws(OutputError) in
            try JSONLLines.forEach(in: records, failedPositions: failedPositions) { (_, line, isError) throws(OutputError) in
                ordinal += 1
                try body(UnsafeBufferPointer(rebasing: buffer[line]), line, ordinal, isError)
            }
        }
        return ordinal
    }
}
