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

    public init(nFeatures: Int = 1 << 20, alternateSign: Bool = true, norm: VectorNorm = .l2, prefix: String = "") {
        self.nFeatures = nFeatures
        self.alternateSign = alternateSign
        self.norm = norm
        self.prefix = prefix
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
        } else {
            index = Int(h.magnitude) % nFeatures
        }
        return (index, alternateSign && h < 0 ? -1 : 1)
    }

    public func makeRunner() throws -> any StageRunner { Runner(self) }

    /// Sorting the per-term keys was the largest cost of this stage with the library's
    /// (allocating, comparison-based) sort: short documents get insertion sort, longer ones an
    /// LSD radix sort on bytes, as many passes as the largest key needs.
    public static func insertionSort(_ keys: inout [Int]) {
        keys.withUnsafeMutableBufferPointer { keys in
            var i = 1
            while i < keys.count {
                let v = keys[i]
                var j = i
                while j > 0 && keys[j - 1] > v {
                    keys[j] = keys[j - 1]
                    j -= 1
                }
                keys[j] = v
                i += 1
            }
        }
    }

    /// Radix sort of non-negative keys; `scratch` is a reusable buffer (keys and scratch trade
    /// places after every pass, so both are made to hold exactly `keys.count` elements).
    public static func radixSort(_ keys: inout [Int], _ scratch: inout [Int]) {
        let n = keys.count
        var largest = 0
        for k in keys { largest = max(largest, k) }
        if scratch.count != n {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: repeatElement(0, count: n))
        }
        var counts = [Int](repeating: 0, count: 256)
        var shift = 0
        while shift == 0 || (shift < Int.bitWidth && largest >> shift > 0) {
            keys.withUnsafeBufferPointer { src in
                scratch.withUnsafeMutableBufferPointer { dst in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for d in 0..<256 { counts[d] = 0 }
                        for i in 0..<n { counts[(src[i] >> shift) & 0xFF] += 1 }
                        var sum = 0
                        for d in 0..<256 {
                            let c = counts[d]
                            counts[d] = sum
                            sum += c
                        }
                        for i in 0..<n {
                            let d = (src[i] >> shift) & 0xFF
                            dst[counts[d]] = src[i]
                            counts[d] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += 8
        }
    }

    private final class Runner: StageRunner {
        let stage: FeatureHashing
        let indicesName: String, valuesName: String
        /// (index << 1 | negative) per term, sorted to sum duplicates without a hash map.
        var keys: [Int] = []
        var scratch: [Int] = []

        init(_ stage: FeatureHashing) {
            self.stage = stage
            indicesName = stage.prefix + "indices"
            valuesName = stage.prefix + "values"
        }

        func run(_ analysis: Analysis) {
            analysis.prepareTerms()
            // Local buffers (swapped out and back): no exclusivity checks in the loops.
            var keys: [Int] = []
            var scratch: [Int] = []
            swap(&keys, &self.keys)
            swap(&scratch, &self.scratch)
            defer {
                swap(&keys, &self.keys)
                swap(&scratch, &self.scratch)
            }
            keys.removeAll(keepingCapacity: true)
            let stage = self.stage
            let count = analysis.terms.count
            keys.reserveCapacity(count)
            analysis.terms.bytes.withUnsafeBufferPointer { bytes in
                analysis.terms.ends.withUnsafeBufferPointer { ends in
                    var start = 0
                    for t in 0..<count {
                        let end = Int(ends[t])
                        let (index, sign) = stage.column(of: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                        keys.append(index << 1 | (sign < 0 ? 1 : 0))
                        start = end
                    }
                }
            }
            if keys.count > 48 {
                FeatureHashing.radixSort(&keys, &scratch)
            } else {
                FeatureHashing.insertionSort(&keys)
            }
            var indices: [Int] = []
            var values: [Double] = []
            indices.reserveCapacity(keys.count)
            values.reserveCapacity(keys.count)
            keys.withUnsafeBufferPointer { keys in
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
            }
            stage.norm.apply(&values)
            analysis.features.append((indicesName, .ints(indices)))
            analysis.features.append((valuesName, .doubles(values)))
        }
    }
}
