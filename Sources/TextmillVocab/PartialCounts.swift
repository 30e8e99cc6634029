import TextmillPipeline

/// The wire format of one chunk's partial counts: what `VocabMapProcessor` returns as its
/// `ChunkPayload.partials` and the coordinator's `VocabReducer` reads back.
///
/// ```
/// #textmill-partial v1 docs=998 skipped_terms=0
/// the	1204	611
/// ```
/// UTF-8, lines ending in `\n`: a header (documents counted in this chunk, terms left out for
/// holding a tab/CR/LF); then `term<TAB>count<TAB>df` rows sorted by the term's bytes. Failed
/// documents are not counted; their error records travel as the chunk's records, like `run`'s.
/// Text rather than binary so a partial can be inspected and is the same shape as the
/// vocabulary file.
public struct PartialCounts: Sendable {
    public var documents: Int
    public var skippedTerms: Int
    public var rows: [(term: ArraySlice<UInt8>, count: Int, df: Int)]

    public static let magic = "#textmill-partial v1"

    /// Serializes `counts`.
    public static func encode(_ counts: TermCounts) -> [UInt8] {
        var out = Array("\(magic) docs=\(counts.documents) skipped_terms=\(counts.skippedTerms)\n".utf8)
        for index in counts.indicesByTerm() {
            VocabRows.appendRow(counts.terms.key(at: index), counts.counts[index], counts.documentFrequencies[index], to: &out)
        }
        return out
    }

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(decoding bytes: [UInt8]) throws(FormatError) {
        documents = 0
        skippedTerms = 0
        rows = []
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            start = end + 1
            lineNumber += 1
            if lineNumber == 1 {
                let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
                guard parts.count >= 2, parts[0] + " " + parts[1] == Self.magic else {
                    throw FormatError(description: "not a partial count (no \"\(Self.magic)\" header)")
                }
                for part in parts.dropFirst(2) {
                    if part.hasPrefix("docs="), let n = Int(part.dropFirst(5)) { documents = n }
                    if part.hasPrefix("skipped_terms="), let n = Int(part.dropFirst(14)) { skippedTerms = n }
                }
                continue
            }
            guard let row = VocabRows.parseRow(line) else {
                throw FormatError(description: "partial line \(lineNumber): expected term<TAB>count<TAB>df")
            }
            rows.append(row)
        }
        if lineNumber == 0 { throw FormatError(description: "empty partial count") }
    }
}
