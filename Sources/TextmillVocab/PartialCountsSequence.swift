/// Splits a map result into its partial counts.
///
/// A chunk the worker pool had to bisect (a document in it crashed workers) comes back as the
/// halves' partials back to back, and a document isolated by the pool as a partial of its own
/// holding just its error record (`isolated(errorRecord:)`).
public enum PartialCountsSequence {
    /// The partials in `bytes`, each starting at a `#textmill-partial` header line.
    public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        let magic = Array(PartialCounts.magic.utf8)
        var starts: [Int] = []
        var lineStart = 0
        while lineStart < bytes.count {
            if bytes.count - lineStart >= magic.count && bytes[lineStart..<lineStart + magic.count].elementsEqual(magic) {
                starts.append(lineStart)
            }
            var end = lineStart
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineStart = end + 1
        }
        guard !starts.isEmpty else { return [bytes] }
        return starts.enumerated().map { i, start in
            Array(bytes[start..<(i + 1 < starts.count ? starts[i + 1] : bytes.count)])
        }
    }

    /// The partial of a document counted nowhere because it crashed or hung its worker.
    public static func isolated(errorRecord: [UInt8]) -> [UInt8] {
        var out = Array("\(PartialCounts.magic) docs=0 skipped_terms=0\n!".utf8)
        out.append(contentsOf: errorRecord.last == 0x0A ? errorRecord.dropLast() : errorRecord[...])
        out.append(0x0A)
        return out
    }
}
