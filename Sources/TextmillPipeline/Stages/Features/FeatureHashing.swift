/// Hashed term vectors exactly as scikit-learn's `HashingVectorizer` computes them.
///
/// Each term's UTF-8 is hashed with signed MurmurHash3 x86_32 (seed 0); index = |h| mod
/// `nFeatures` (h = −2^31, whose |h| overflows, maps like sklearn's C code does); the value is
/// −1 for h < 0 when `alternateSign`, else +1; values are summed per index. Indices whose ±1s
/// cancel keep an explicit 0.0, as sklearn's CSR output does. Adds `indices` (ascending) and
/// `values`, normalized by `norm`.
public struct FeatureHashing: Featurizer {
    public let nFeatures: Int
    public let alternateSign: Bool
    public let norm: VectorNorm
    /// Field names: `<prefix>indices`, `<prefix>values`.
    public let prefix: String
    public let typeName = "hashing"

    public init(nFeatures: Int = 1 << 20, alternateSign: Bool = true, norm: VectorNorm = .l2, prefix: String = "") {
        self.nFeatures = nFeatures
        self.alternateSign = alternateSign
        self.norm = norm
        self.prefix = prefix
    }

    public var producedFields: [String] { [prefix + "indices", prefix + "values"] }

    /// The column and sign of one term.
    @inline(__always)
    public func column(of term: UnsafeBufferPointer<UInt8>) -> (index: Int, sign: Int) {
        let h = MurmurHash3.x86_32(term)
        let index: Int
        if h == Int32.min {
            index = (Int(Int32.max) - (nFeatures - 1)) % nFeatures
        } else {
            index = Int(h.magnitude) % nFeatures
        }
        return (index, alternateSign && h < 0 ? -1 : 1)
    }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    private final class Runner: StageRunner {
        let stage: FeatureHashing
        let indicesName: String, valuesName: String
        /// (index << 1 | negative) per term, sorted to sum duplicates without a hash map.
        var keys: [Int] = []

        init(_ stage: FeatureHashing) {
            self.stage = stage
            indicesName = stage.prefix + "indices"
            valuesName = stage.prefix + "values"
        }

        func run(_ analysis: Analysis) {
            analysis.prepareTerms()
            keys.removeAll(keepingCapacity: true)
            let terms = analysis.terms
            terms.bytes.withUnsafeBufferPointer { bytes in
                for t in 0..<terms.count {
                    let (index, sign) = stage.column(of: UnsafeBufferPointer(rebasing: bytes[terms.range(at: t)]))
                    keys.append(index << 1 | (sign < 0 ? 1 : 0))
                }
            }
            keys.sort()
            var indices: [Int] = []
            var values: [Double] = []
            var k = 0
            while k < keys.count {
                let index = keys[k] >> 1
                var sum = 0
                while k < keys.count && keys[k] >> 1 == index {
                    sum += keys[k] & 1 == 1 ? -1 : 1
                    k += 1
                }
                indices.append(index)
                values.append(Double(sum))
            }
            stage.norm.apply(&values)
            analysis.features.append((indicesName, .ints(indices)))
            analysis.features.append((valuesName, .doubles(values)))
        }
    }
}
