import TextmillJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TF-IDF vectors over a vocabulary file, as scikit-learn's `TfidfVectorizer` (smooth_idf)
/// computes them given the same terms and vocabulary.
///
/// idf = ln((1 + n) / (1 + df)) + 1 with n the vocabulary's document count; tf = the term's
/// count in the document, or 1 + ln(count) with `sublinearTF`; value = tf × idf, normalized.
/// Terms not in the vocabulary are ignored. Adds `indices` (vocabulary rows, ascending) and
/// `values`. The norm's sum runs over the terms in byte order, which is sklearn's column
/// order, so values agree to the last bit.
public struct TFIDFFeaturizer: PipelineStage {
    public let vocabulary: TermVocabulary
    public let sublinearTF: Bool
    public let norm: VectorNorm
    public let prefix: String
    public let idf: [Double]
    /// Each row's rank among the terms in byte order.
    private let byteRank: [Int32]

    public init(vocabulary: TermVocabulary, sublinearTF: Bool = false, norm: VectorNorm = .l2, prefix: String = "") {
        self.vocabulary = vocabulary
        self.sublinearTF = sublinearTF
        self.norm = norm
        self.prefix = prefix
        let n = Double(vocabulary.documents)
        idf = vocabulary.documentFrequencies.map { log((n + 1) / (Double($0) + 1)) + 1 }
        let terms = vocabulary.terms
        let order = (0..<terms.count).sorted { terms.key(at: $0).lexicographicallyPrecedes(terms.key(at: $1)) }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, row) in order.enumerated() { rank[row] = Int32(r) }
        byteRank = rank
    }

    public var producedFields: [String] { [prefix + "indices", prefix + "values"] }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    private final class Runner: StageRunner {
        let stage: TFIDFFeaturizer
        let indicesName: String, valuesName: String
        var rows: [Int] = []
        var byRank: [(Int32, Int)] = []

        init(_ stage: TFIDFFeaturizer) {
            self.stage = stage
            indicesName = stage.prefix + "indices"
            valuesName = stage.prefix + "values"
        }

        func run(_ analysis: Analysis) {
            analysis.prepareTerms()
            rows.removeAll(keepingCapacity: true)
            let terms = analysis.terms
            let table = stage.vocabulary.terms
            terms.bytes.withUnsafeBufferPointer { bytes in
                for t in 0..<terms.count {
                    if let row = table.find(UnsafeBufferPointer(rebasing: bytes[terms.range(at: t)])) { rows.append(row) }
                }
            }
            rows.sort()
            var indices: [Int] = []
            var values: [Double] = []
            var k = 0
            while k < rows.count {
                let row = rows[k]
                var c = 0
                while k < rows.count && rows[k] == row {
                    c += 1
                    k += 1
                }
                let tf = stage.sublinearTF ? 1 + log(Double(c)) : Double(c)
                indices.append(row)
                values.append(tf * stage.idf[row])
            }
            if stage.norm != .none && !values.isEmpty {
                byRank.removeAll(keepingCapacity: true)
                for (i, row) in indices.enumerated() { byRank.append((stage.byteRank[row], i)) }
                byRank.sort { $0.0 < $1.0 }
                var sum = 0.0
                for (_, i) in byRank { sum += stage.norm == .l2 ? values[i] * values[i] : abs(values[i]) }
                let s = stage.norm == .l2 ? sum.squareRoot() : sum
                if s != 0 { for i in values.indices { values[i] = values[i] / s } }
            }
            analysis.features.append((indicesName, .ints(indices)))
            analysis.features.append((valuesName, .doubles(values)))
        }
    }
}

extension TFIDFFeaturizer {
    /// `{"type": "tfidf", "vocab": "vocab.tsv", …}`: the config side of the stage; the
    /// vocabulary (a `vocab build` file) is read when the stage is built.
    public struct Definition: StageDefinition {
        public static let typeName = "tfidf"
        public static let optionNames = ["vocab", "sublinear_tf", "norm", "field_prefix"]
        public let vocab: String
        public let vocabPath: String
        public let sublinearTF: Bool
        public let norm: VectorNorm
        public let prefix: String

        public init(config r: ConfigReader) throws(ConfigError) {
            (vocab, vocabPath) = try r.modelFile("vocab")
            sublinearTF = try r.bool("sublinear_tf", default: false)
            norm = try r.choice("norm", default: .l2)
            prefix = try r.string("field_prefix", default: "")
        }

        public var resolvedOptions: [(String, JSONValue)] {
            [
                ("vocab", .string(vocab)), ("sublinear_tf", .bool(sublinearTF)), ("norm", .string(norm.rawValue)),
                ("field_prefix", .string(prefix)),
            ]
        }

        public var modelFiles: [String] { [vocab] }

        public func makeStage() throws -> any PipelineStage {
            let vocabulary: TermVocabulary
            do { vocabulary = try TermVocabulary(bytes: FileBytes.read(vocabPath)) } catch { throw PipelineError("\(vocabPath): \(error)") }
            return TFIDFFeaturizer(vocabulary: vocabulary, sublinearTF: sublinearTF, norm: norm, prefix: prefix)
        }
    }
}
