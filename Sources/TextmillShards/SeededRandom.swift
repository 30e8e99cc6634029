/// SplitMix64: a tiny, fully specified generator, so a seed gives the same validation split and
/// shuffles on every platform and in every version (Swift's own generators promise neither).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one purpose (a split, a shard) derived from the run's seed.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = seed
        state = next() ^ stream &* 0x9E37_79B9_7F4A_7C15
        state = next() ^ index &* 0xD1B5_4A32_D192_ED03
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method).
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// The Fisher–Yates permutation of 0..<count this generator gives.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = next(below: i + 1)
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}
