import TextmillPipeline
import TextmillVocab

/// `vocab`: the vocabulary files the pipeline loads (`TermVocabulary`, from `vocab build`;
/// `WordPieceVocabulary`, a BERT `vocab.txt`) and the partial counts the vocabulary reducer
/// reads from workers, chosen by the first input byte.
///
/// Properties: a term vocabulary that loads keeps its invariants (1 ≤ df ≤ count, df ≤ docs,
/// one row per term) and writes back (`VocabReducer.encode`) to a file that loads to the same
/// vocabulary; in a WordPiece vocabulary every (non-empty) token's id lookup finds the last
/// line holding that token; a partial count decodes or fails with a message, never a crash.
public struct VocabularyTarget: FuzzTarget {
    public let name = "vocab"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var cursor = FuzzCursor(input)
        let kind = cursor.byte() % 3
        let bytes = cursor.rest
        switch kind {
        case 0: try checkTermVocabulary(bytes)
        case 1: try checkWordPiece(bytes)
        default: _ = try? PartialCounts(decoding: bytes)
        }
    }

    private func checkTermVocabulary(_ bytes: [UInt8]) throws(PropertyViolation) {
        guard let vocabulary = try? TermVocabulary(bytes: bytes) else { return }
        let n = vocabulary.count
        try PropertyViolation.require(
            vocabulary.terms.count == n && vocabulary.documentFrequencies.count == n, "vocab: terms, counts and dfs differ in number")
        var rows: [VocabReducer.Row] = []
        for i in 0..<n {
            let (count, df) = (vocabulary.counts[i], vocabulary.documentFrequencies[i])
            try PropertyViolation.require(df >= 1 && df <= count && df <= vocabulary.documents, "vocab: row \(i) has df \(df), count \(count)")
            rows.append(VocabReducer.Row(term: Array(vocabulary.terms.key(at: i)), count: count, df: df))
        }
        let written = VocabReducer.encode(
            rows, documents: vocabulary.documents, fingerprint: vocabulary.fingerprint, headerFields: vocabulary.headerFields)
        let again: TermVocabulary
        do { again = try TermVocabulary(bytes: written) } catch {
            throw PropertyViolation("vocab: a loaded vocabulary written back does not load: \(error)")
        }
        try PropertyViolation.require(
            again.documents == vocabulary.documents && again.fingerprint == vocabulary.fingerprint
                && again.headerFields.map({ "\($0.key)=\($0.value)" }) == vocabulary.headerFields.map({ "\($0.key)=\($0.value)" })
                && again.counts == vocabulary.counts && again.documentFrequencies == vocabulary.documentFrequencies
                && again.terms.bytes == vocabulary.terms.bytes,
            "vocab: a vocabulary changed on a write and load round trip")
    }

    private func checkWordPiece(_ bytes: [UInt8]) throws(PropertyViolation) {
        guard let vocabulary = try? WordPieceVocabulary(bytes: bytes) else { return }
        // Keyed by scalars: String equality would merge canonically equivalent tokens the trie keeps apart.
        var lastID: [[UInt32]: Int] = [:]
        for id in 0..<vocabulary.count { lastID[vocabulary.token(id).unicodeScalars.map(\.value)] = id }
        for id in 0..<min(vocabulary.count, 512) {
            let token = vocabulary.token(id)
            if token.isEmpty { continue }  // an empty line holds an id but no token to look up
            let expected = lastID[token.unicodeScalars.map(\.value)]
            try PropertyViolation.require(
                vocabulary.id(of: token) == expected,
                "vocab: id(of: token(\(id))) is \(vocabulary.id(of: token).map(String.init) ?? "nil"), the last line with it is \(expected.map(String.init) ?? "nil")")
        }
    }
}
