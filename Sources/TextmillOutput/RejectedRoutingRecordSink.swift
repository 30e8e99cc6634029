import TextmillDocuments

/// Sends the records of documents a filter stage dropped (lines starting with
/// `{"rejected":{"reasons":[`, which no other record starts with) to a file of their own, and
/// the rest to the main sink, both in input order.
public final class RejectedRoutingRecordSink: RecordSink {
    static let prefix = Array(#"{"rejected":{"reasons":["#.utf8)
    private let main: any RecordSink
    private let rejected: RecordFile

    public init(main: any RecordSink, rejectedPath: String) throws(OutputError) {
        self.main = main
        self.rejected = try RecordFile(path: rejectedPath)
    }

    public var bytesWritten: Int { main.bytesWritten + rejected.bytesWritten }

    /// Calls `body(line, reasons)` for each rejected record of a chunk's lines (error records,
    /// at `failedPositions`, are never rejected ones). Reasons are identifiers the filters write
    /// without escapes, so a byte scan reads them.
    public static func forEachRejected(
        in records: [UInt8], failedPositions: [Int] = [], _ body: (_ line: Int, _ reasons: [String]) -> Void
    ) {
        records.withUnsafeBufferPointer { bytes in
            JSONLLines.forEach(in: records, failedPositions: failedPositions) { position, line, failed in
                if !failed && line.count > prefix.count
                    && bytes[line.lowerBound..<(line.lowerBound + prefix.count)].elementsEqual(prefix)
                {
                    body(position, reasons(bytes[(line.lowerBound + prefix.count)..<line.upperBound]))
                }
            }
        }
    }

    /// `"a","b"],…` → `["a", "b"]`.
    private static func reasons(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
        var out: [String] = []
        var i = rest.startIndex
        while i < rest.endIndex && rest[i] == UInt8(ascii: "\"") {
            var j = i + 1
            while j < rest.endIndex && rest[j] != UInt8(ascii: "\"") { j += 1 }
            out.append(String(decoding: rest[(i + 1)..<j], as: UTF8.self))
            i = j + 1
            guard i < rest.endIndex, rest[i] == UInt8(ascii: ",") else { break }
            i += 1
        }
        return out
    }

    public func write(_ result: ChunkResult) throws(OutputError) {
        let records = result.records, failedPositions = result.failedPositions
        var rejectedLines = Set<Int>()
        Self.forEachRejected(in: records, failedPositions: failedPositions) { line, _ in rejectedLines.insert(line) }
        guard !rejectedLines.isEmpty else { return try main.write(result) }
        var kept: [UInt8] = []
        var dropped: [UInt8] = []
        var keptFailures: [DocumentFailure] = []
        kept.reserveCapacity(records.count)
        var keptLines = 0
        result.forEachLine { position, line, failure in
            // Only whole lines are routed (a well-formed buffer has no bytes after its last newline).
            guard line.upperBound < records.count else { return }
            if rejectedLines.contains(position) {
                dropped.append(contentsOf: records[line.lowerBound...line.upperBound])
            } else {
                if let failure { keptFailures.append(DocumentFailure(position: keptLines, error: failure)) }
                keptLines += 1
                kept.append(contentsOf: records[line.lowerBound...line.upperBound])
            }
        }
        if !kept.isEmpty {
            var rest = result
            rest.records = kept
            rest.failures = keptFailures
            rest.documentsOK = keptLines - keptFailures.count
            try main.write(rest)
        }
        try rejected.write(dropped)
    }

    public func finish() throws(OutputError) {
        try main.finish()
        try rejected.finish()
    }

    public func abandon() {
        main.abandon()
        rejected.abandon()
    }
}
