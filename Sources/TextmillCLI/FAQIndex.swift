#if canImport(Glibc)
import Glibc
#endif

/// Answers a message with the FAQ entry it is most similar to, by TF-IDF cosine over content
/// words (`FAQTerms`: stop words dropped, endings folded).
///
/// An entry's text is its question plus its answer at a quarter of the weight: users ask with
/// the answer's words too ("stdin", "default"), but a question's own words should decide.
/// Term frequency is sublinear (1 + ln tf, as scikit-learn's `sublinear_tf`), idf is smoothed,
/// ln((1 + n) / (1 + df)) + 1, over the entries, so words that many entries share ("textmill")
/// count for little and rare ones ("spark", "offsets") decide; vectors are L2-normalized, so
/// scores are cosines in 0…1. On the labeled set (Tests/Fixtures/faq/questions.jsonl) every
/// paraphrase scores at least 0.42 and every off-topic question below 0.1.
struct FAQIndex {
    static let answerWeight = 0.25

    let entries: [FAQEntry]
    private let idf: [String: Double]
    private let vectors: [[String: Double]]

    /// `questionTerms[i]` and `answerTerms[i]` are entry i's content words.
    init(entries: [FAQEntry], questionTerms: [[String]], answerTerms: [[String]]) {
        self.entries = entries
        var frequencies: [[String: Double]] = []
        for (question, answer) in zip(questionTerms, answerTerms) {
            var tf: [String: Double] = [:]
            for term in question { tf[term, default: 0] += 1 }
            for term in answer { tf[term, default: 0] += Self.answerWeight }
            frequencies.append(tf)
        }
        let n = Double(frequencies.count)
        var df: [String: Int] = [:]
        for tf in frequencies {
            for term in tf.keys { df[term, default: 0] += 1 }
        }
        let idf = df.mapValues { log((1 + n) / (1 + Double($0))) + 1 }
        self.idf = idf
        vectors = frequencies.map { Self.vector($0, idf) }
    }

    /// The best entry for a message's content words, or nil when no entry shares one of them.
    func best(for terms: [String]) -> FAQMatch? {
        var tf: [String: Double] = [:]
        for term in terms { tf[term, default: 0] += 1 }
        let query = Self.vector(tf, idf)
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
        guard bestIndex >= 0 else { return nil }
        let shared = query.keys.filter { vectors[bestIndex][$0] != nil }.sorted()
        return FAQMatch(entry: entries[bestIndex], score: bestScore, sharedTerms: shared)
    }

    /// Sublinear tf times idf, L2-normalized; terms without an idf (unseen in the FAQ) are left out.
    private static func vector(_ tf: [String: Double], _ idf: [String: Double]) -> [String: Double] {
        var weights: [String: Double] = [:]
        for (term, count) in tf {
            guard let termIDF = idf[term] else { continue }
            weights[term] = (count >= 1 ? 1 + log(count) : count) * termIDF
        }
        let norm = weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [:] }
        return weights.mapValues { $0 / norm }
    }
}
