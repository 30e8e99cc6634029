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
        let failed = Set(failedPositions)
        var line = 0
        var start = 0
        records.withUnsafeBufferPointer { bytes in
            for i in bytes.indices where bytes[i] == 0x0A {
                if !failed.contains(line) && i - start > prefix.count
                    && bytes[start..<(start + prefix.count)].elementsEqual(prefix)
                {
                    body(line, reasons(bytes[(start + prefix.count)..<i]))
                }
                line += 1
                start = i + 1
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
        let failed = Set(failedPositions)
        var kept: [UInt8] = []
        var dropped: [UInt8] = []
        var keptFailed: [Int] = []
        kept.reserveCapacity(records.count)
        var line = 0
        var keptLines = 0
        var start = 0
        for i in records.indices where records[i] == 0x0A {
            if rejectedLines.contains(line) {
                dropped.append(contentsOf: records[start...i])
            } else {
                if failed.contains(line) { keptFailed.append(keptLines) }
                keptLines += 1
                kept.append(contentsOf: records[start...i])
            }
            line += 1
            start = i + 1
        }
        if !kept.isEmpty {
            var rest = result
            rest.records = kept
            rest.failedPositions = keptFailed
            rest.documentsOK = keptLines - keptFailed.count
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
