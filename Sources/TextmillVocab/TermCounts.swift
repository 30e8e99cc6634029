import TextmillPipeline

/// Occurrence counts and document frequencies of terms over some documents: the "word count"
/// of the vocabulary build, in one hash table over the terms' UTF-8 (no `String` per term).
public struct TermCounts: Sendable {
    public private(set) var terms = ByteStringTable()
    public private(set) var counts: [Int] = []
    public private(set) var documentFrequencies: [Int] = []
    /// Per term: the last document that counted it, so df grows once per document.
    private var lastDocument: [Int] = []
    /// Documents counted (empty ones included).
    public var documents = 0
    /// Terms left out because they hold a tab, CR or LF, which the vocabulary file cannot hold.
    public var skippedTerms = 0

    public init() {}

    public var distinctTerms: Int { counts.count }

    /// Counts one document's terms.
    public mutating func addDocument(_ list: TermList) {
        documents += 1
        let doc = documents
        list.bytes.withUnsafeBufferPointer { bytes in
            for t in 0..<list.count {
                let term = UnsafeBufferPointer(rebasing: bytes[list.range(at: t)])
                if term.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    skippedTerms += 1
                    continue
                }
                let (index, inserted) = terms.insert(term)
                if inserted {
                    counts.append(1)
                    documentFrequencies.append(1)
                    lastDocument.append(doc)
                } else {
                    counts[index] += 1
                    if lastDocument[index] != doc {
                        documentFrequencies[index] += 1
                        lastDocument[index] = doc
                    }
                }
            }
        }
    }

    /// Adds already-aggregated counts for a term (a partial result or a vocabulary row).
    public mutating func add(_ term: UnsafeBufferPointer<UInt8>, count: Int, df: Int) {
        let (index, inserted) = terms.insert(term)
        if inserted {
            counts.append(count)
            documentFrequencies.append(df)
            lastDocument.append(0)
        } else {
            counts[index] += count
            documentFrequencies[index] += df
        }
    }

    /// Term indices in byte order of the terms (the order runs are spilled and merged in).
    public func indicesByTerm() -> [Int] {
        (0..<counts.count).sorted { terms.key(at: $0).lexicographicallyPrecedes(terms.key(at: $1)) }
    }

    public mutating func removeAll() {
        self = TermCounts()
    }
}
