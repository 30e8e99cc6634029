import TextmillJSON
/// Hashed term vectors exactly as scikit-learn's `HashingVectorizer` computes them.
///
/// Each term's UTF-8 is hashed with signed MurmurHash3 x86_32 (seed 0); index = |h| mod
/// `nFeatures` (h = −2^31, whose |h| overflows, maps like sklearn's C code does); the value is
/// −1 for h < 0 when `alternateSign`, else +1; values are summed per index. Indices whose ±1s
/// cancel keep an explicit 0.0, as sklearn's CSR output does. Adds `indices` (ascending) and
/// `values`, normalized by `norm`.
public struct FeatureHashing: PipelineStage, StageDefinition {
    public static let typeName = "hashing"
    public static let optionNames: [String] = ["n_features", "alternate_sign", "norm", "field_prefix"]
    public let nFeatures: Int
    public let alternateSign: Bool
    public let norm: VectorNorm
    /// Field names: `<prefix>indices`, `<prefix>values`.
    public let prefix: String
    /// `nFeatures - 1` when `nFeatures` is a power of two (the default 2^20), else -1: the
    /// column is then a mask, the same number as `%` without an integer division per term.
    private let columnMask: Int

    public init(nFeatures: Int = 1 << 20, alternateSign: Bool = true, norm: VectorNorm = .l2, prefix: String = "") {
        self.nFeatures = nFeatures
        self.alternateSign = alternateSign
        self.norm = norm
        self.prefix = prefix
        columnMask = nFeatures & (nFeatures - 1) == 0 ? nFeatures - 1 : -1
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        self.init(
            nFeatures: try r.int("n_features", default: 1 << 20, range: 1...Int(Int32.max)),
            alternateSign: try r.bool("alternate_sign", default: true),
            norm: try r.choice("norm", default: .l2),
            prefix: try r.string("field_prefix", default: ""))
    }

    public var resolvedOptions: [(String, JSONValue)] { [
            ("n_features", .integer(nFeatures)), ("alternate_sign", .bool(alternateSign)), ("norm", .string(norm.rawValue)),
            ("field_prefix", .string(prefix)),
        ] }

    public var producedFields: [String] { [prefix + "indices", prefix + "values"] }

    /// The column and sign of one term.
    @inline(__always)
    public func column(of term: UnsafeBufferPointer<UInt8>) -> (index: Int, sign: Int) {
        let h = MurmurHash3.x86_32(term)
        let index: Int
        if h == Int32.min {
            index = (Int(Int32.max) - (nFeatures - 1)) % nFeatures
        } else if columnMask >= 0 {
            index = Int(h.magnitude) & columnMask
        } else {
            index = Int(h.magnitude) % nFeatures
        }
        return (index, alternateSign && h < 0 ? -1 : 1)
    }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    private final class Runner: StageRunner {
        let stage: FeatureHashing
        let indicesName: String, valuesName: String
        let sums: ColumnSums

        init(_ stage: FeatureHashing) {
            self.stage = stage
            sums = ColumnSums(columns: stage.nFeatures)
            indicesName = stage.prefix + "indices"
            valuesName = stage.prefix + "values"
        }

        func run(_ analysis: Analysis) {
            analysis.prepareTerms()
            let stage = self.stage, sums = self.sums
            let count = analysis.terms.count
            sums.reserve(terms: count)
            analysis.terms.bytes.withUnsafeBufferPointer { bytes in
                analysis.terms.ends.withUnsafeBufferPointer { ends in
                    var start = 0
                    for t in 0..<count {
                        let end = Int(ends[t])
                        let (index, sign) = stage.column(of: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                        sums.add(column: index, sign: Int32(truncatingIfNeeded: sign))
                        start = end
                    }
                }
            }
            var indices: [Int] = []
            var values: [Double] = []
            indices.reserveCapacity(sums.count)
            values.reserveCapacity(sums.count)
            sums.drainSorted { column, sum in
                indices.append(column)
                values.append(Double(sum))
            }
            stage.norm.apply(&values)
            analysis.features.append((indicesName, .ints(indices)))
            analysis.features.append((valuesName, .doubles(values)))
        }
    }
}
