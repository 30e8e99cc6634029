#if canImport(Glibc)
import Glibc
#endif

/// Answers a message with the FAQ entry whose question is most similar, by TF-IDF cosine.
///
/// Questions and messages are tokenized by the chat's own pipeline (so `Straße` matches
/// `strasse` exactly when the pipeline folds them). Weights are scikit-learn's defaults: raw term
/// counts times smooth idf, ln((1 + n) / (1 + df)) + 1, each vector L2-normalized, so the dot
/// product is the cosine: the same formula as the `tfidf` featurizer, which needs a vocabulary
/// file from `textmill vocab build`; here the idf comes from the FAQ's own questions, in memory,
/// and works the same through `--connect`. A term unseen in the FAQ gets weight 0.
struct FAQIndex {
    let entries: [FAQEntry]
    private let idf: [String: Double]
    private let vectors: [[String: Double]]

    init(entries: [FAQEntry], questionTokens: [[String]]) {
        self.entries = entries
        let n = Double(questionTokens.count)
        var df: [String: Int] = [:]
        for tokens in questionTokens {
            for term in Set(tokens) { df[term, default: 0] += 1 }
        }
        let idf = df.mapValues { log((1 + n) / (1 + Double($0))) + 1 }
        self.idf = idf
        vectors = questionTokens.map { Self.vector($0, idf) }
    }

    /// The best entry and its cosine score, or nil when nothing shares a term with the message.
    func best(for tokens: [String]) -> (entry: FAQEntry, score: Double)? {
        let query = Self.vector(tokens, idf)
        guard !query.isEmpty else { return nil }
        var bestIndex = -1
        var bestScore = 0.0
        for (i, vector) in vectors.enumerated() {
            var dot = 0.0
            for (term, weight) in query { dot += weight * (vector[term] ?? 0) }
            if dot > bestScore {
                bestScore = dot
                bestIndex = i
            }
        }
        return bestIndex >= 0 ? (entries[bestIndex], bestScore) : nil
    }

    private static func vector(_ tokens: [String], _ idf: [String: Double]) -> [String: Double] {
        var counts: [String: Double] = [:]
        for token in tokens where idf[token] != nil { counts[token, default: 0] += 1 }
        var weights = counts.map { ($0.key, $0.value * idf[$0.key]!) }
        let norm = weights.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        guard norm > 0 else { return [:] }
        weights = weights.map { ($0.0, $0.1 / norm) }
        return Dictionary(uniqueKeysWithValues: weights)
    }
}
