import TextmillDocuments
import TextmillInput
import TextmillOutput
import TextmillPipeline

#if canImport(Glibc)
import Glibc
#endif

/// The reduce step: merges partial counts (from chunks, or whole vocabulary files) into one
/// vocabulary, in bounded memory.
///
/// Memory is bounded by **spilling**, not pruning, so the result is exact: when more than
/// `spillLimit` distinct terms are held, they are written to a temporary run file sorted by
/// term bytes and the table is emptied. `finish` merges the runs and what is left in memory
/// term by term (a k-way merge of sorted streams), keeping only the rows that pass
/// `minCount`, and with `maxSize` only the best `maxSize` of them (count descending, then term
/// bytes). So memory holds at most `spillLimit` terms plus the rows of the output itself.
public final class VocabReducer {
    public let spillLimit: Int
    public let spillDirectory: String
    private var counts = TermCounts()
    private var runs: [String] = []
    public private(set) var documents = 0
    public private(set) var skippedTerms = 0
    /// Error records of documents that failed, in the order their chunks were added.
    public private(set) var errorRecords: [[UInt8]] = []

    public var spills: Int { runs.count }

    public struct Row: Sendable, Equatable {
        public var term: [UInt8]
        public var count: Int
        public var df: Int
        public init(term: [UInt8], count: Int, df: Int) {
            self.term = term
            self.count = count
            self.df = df
        }
    }

    public struct ReduceError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(spillLimit: Int = 4_000_000, spillDirectory: String = "/tmp") {
        self.spillLimit = max(spillLimit, 1)
        self.spillDirectory = spillDirectory
    }

    deinit {
        for run in runs { unlink(run) }
    }

    /// Adds one result of a `VocabMapProcessor` (in process or on the worker pool): its partial
    /// counts, and the error records of its failed documents.
    public func add(_ result: ChunkResult) throws(ReduceError) {
        guard case .partials(let partials) = result.payload else {
            throw ReduceError(description: "chunk \(result.index): the result holds no partial counts")
        }
        for partial in partials { try add(partial: partial) }
        result.forEachLine { _, line, failure in
            if failure != nil { errorRecords.append(Array(result.records[line])) }
        }
    }

    /// Adds one partial count (`PartialCounts`).
    public func add(partial bytes: [UInt8]) throws(ReduceError) {
        let partial: PartialCounts
        do { partial = try PartialCounts(decoding: bytes) } catch { throw ReduceError(description: error.description) }
        documents += partial.documents
        skippedTerms += partial.skippedTerms
        for row in partial.rows {
            row.term.withUnsafeBufferPointer { counts.add($0, count: row.count, df: row.df) }
            try spillIfNeeded()
        }
    }

    /// Adds a whole vocabulary (`vocab merge`).
    public func add(vocabulary: TermVocabulary) throws(ReduceError) {
        documents += vocabulary.documents
        let terms = vocabulary.terms
        for row in 0..<vocabulary.count {
            terms.bytes.withUnsafeBufferPointer { bytes in
                counts.add(
                    UnsafeBufferPointer(rebasing: bytes[terms.range(at: row)]), count: vocabulary.counts[row],
                    df: vocabulary.documentFrequencies[row])
            }
            try spillIfNeeded()
        }
    }

    private func spillIfNeeded() throws(ReduceError) {
        if counts.distinctTerms < spillLimit { return }
        var bytes: [UInt8] = []
        for index in counts.indicesByTerm() {
            VocabRows.appendRow(counts.terms.key(at: index), counts.counts[index], counts.documentFrequencies[index], to: &bytes)
        }
        let path = "\(spillDirectory)/textmill-vocab-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(runs.count).tsv"
        do {
            let sink = try OutputSink(path: path)
            try sink.write(bytes)
            try sink.finish()
        } catch {
            throw ReduceError(description: "cannot spill counts: \(error)")
        }
        runs.append(path)
        let documentsSoFar = counts.documents
        counts.removeAll()
        counts.documents = documentsSoFar
    }

    /// A sorted stream of rows: a spill run on disk or the in-memory table.
    private struct RunCursor {
        var reader: LineReader<FileByteSource>?
        var source: FileByteSource?
        var memory: [Int] = []
        var memoryPosition = 0
        var current: Row?
    }

    /// Merges everything added into the final rows: count descending, then term bytes.
    public func finish(minCount: Int = 1, maxSize: Int? = nil) throws(ReduceError) -> [Row] {
        var cursors: [RunCursor] = []
        do {
            for run in runs {
                let source = try FileByteSource(path: run)
                var cursor = RunCursor(reader: LineReader(source), source: source)
                try advance(&cursor)
                cursors.append(cursor)
            }
        } catch let error as InputError {
            throw ReduceError(description: "cannot read a spill run: \(error)")
        } catch {
            throw ReduceError(description: "\(error)")
        }
        defer { for cursor in cursors { cursor.source?.close() } }
        var memoryCursor = RunCursor(memory: counts.indicesByTerm())
        try advance(&memoryCursor)
        cursors.append(memoryCursor)

        var kept: [Row] = []
        let cap = maxSize.map { max($0 * 2, 1024) }
        while true {
            var best = -1
            for (i, cursor) in cursors.enumerated() {
                guard let row = cursor.current else { continue }
                if best < 0 || row.term.lexicographicallyPrecedes(cursors[best].current!.term) { best = i }
            }
            if best < 0 { break }
            var merged = cursors[best].current!
            try advance(&cursors[best])
            for i in cursors.indices {
                while let row = cursors[i].current, row.term == merged.term {
                    merged.count += row.count
                    merged.df += row.df
                    try advance(&cursors[i])
                }
            }
            if merged.count < minCount { continue }
            kept.append(merged)
            if let cap, let maxSize, kept.count > cap {
                kept.sort(by: Self.outputOrder)
                kept.removeSubrange(maxSize...)
            }
        }
        kept.sort(by: Self.outputOrder)
        if let maxSize, kept.count > maxSize { kept.removeSubrange(maxSize...) }
        return kept
    }

    static func outputOrder(_ a: Row, _ b: Row) -> Bool {
        a.count != b.count ? a.count > b.count : a.term.lexicographicallyPrecedes(b.term)
    }

    private func advance(_ cursor: inout RunCursor) throws(ReduceError) {
        if cursor.reader != nil {
            let line: LineReader<FileByteSource>.Line?
            do { line = try cursor.reader!.next() } catch { throw ReduceError(description: "cannot read a spill run: \(error)") }
            guard let line else {
                cursor.current = nil
                return
            }
            guard case .line(let bytes, _) = line, let row = VocabRows.parseRow(bytes[...]) else {
                throw ReduceError(description: "a spill run is damaged")
            }
            cursor.current = Row(term: Array(row.term), count: row.count, df: row.df)
            return
        }
        guard cursor.memoryPosition < cursor.memory.count else {
            cursor.current = nil
            return
        }
        let index = cursor.memory[cursor.memoryPosition]
        cursor.memoryPosition += 1
        cursor.current = Row(
            term: Array(counts.terms.key(at: index)), count: counts.counts[index], df: counts.documentFrequencies[index])
    }

    /// The vocabulary file for `rows` (see `TermVocabulary` for the format).
    public static func encode(
        _ rows: [Row], documents: Int, fingerprint: String, headerFields: [(String, String)] = []
    ) -> [UInt8] {
        var header = "\(TermVocabulary.magic) v1 docs=\(documents) fingerprint=\(fingerprint)"
        for (key, value) in headerFields { header += " \(key)=\(value)" }
        var out = Array((header + "\n").utf8)
        for row in rows { VocabRows.appendRow(row.term, row.count, row.df, to: &out) }
        return out
    }
}
