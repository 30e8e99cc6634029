/// MinHash over word n-grams as datatrove's defaults: 5-grams, 14 bands × 8 rows, 64-bit hashes.
///
/// Each n-gram (its words joined by one space, UTF-8) is hashed to 64 bits (FNV-1a, then the
/// splitmix64 finalizer); permutation `i` maps a hash `h` to `(a_i·h + b_i) mod (2^61 − 1)`, with
/// `a_i`, `b_i` drawn from a fixed seed so every process computes the same signatures.
public struct MinHasher: Sendable {
    public static let prime: UInt64 = (1 << 61) - 1
    public let ngram: Int
    public let bands: Int
    public let rows: Int
    private let a: [UInt64]
    private let b: [UInt64]

    public init(ngram: Int = 5, bands: Int = 14, rows: Int = 8, seed: UInt64 = 0x7E47_4D11_1DED_0F18) {
        self.ngram = ngram
        self.bands = bands
        self.rows = rows
        var state = seed
        var a: [UInt64] = []
        var b: [UInt64] = []
        for _ in 0..<(bands * rows) {
            a.append(Self.splitmix(&state) % (Self.prime - 1) + 1)
            b.append(Self.splitmix(&state) % Self.prime)
        }
        self.a = a
        self.b = b
    }

    public var signatureLength: Int { bands * rows }

    /// The document's n-gram hashes, sorted and without repeats. A document with fewer than
    /// `ngram` words has one n-gram: all its words.
    public func shingles(_ words: [[UInt8]]) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        var out: [UInt64] = []
        let count = max(1, words.count - ngram + 1)
        out.reserveCapacity(count)
        for start in 0..<count {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for (k, word) in words[start..<min(words.count, start + ngram)].enumerated() {
                if k > 0 { h = (h ^ 0x20) &* 0x100_0000_01B3 }
                for byte in word { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
            }
            out.append(Self.mix(h))
        }
        out.sort()
        var unique = 0
        for i in out.indices where i == 0 || out[i] != out[i - 1] {
            out[unique] = out[i]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    /// The MinHash signature of a shingle set (all `UInt64.max` for an empty set).
    public func signature(_ shingles: [UInt64]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: signatureLength)
        for shingle in shingles {
            let x = shingle % Self.prime
            for i in 0..<signatureLength {
                let (high, low) = a[i].multipliedFullWidth(by: x)
                let v = Self.reduce(high: high, low: low, plus: b[i])
                if v < signature[i] { signature[i] = v }
            }
        }
        return signature
    }

    /// One key per band: its rows hashed together with the band's number.
    public func bandKeys(_ signature: [UInt64]) -> [UInt64] {
        (0..<bands).map { band in
            var h = Self.mix(UInt64(band) &+ 0x9E37_79B9_7F4A_7C15)
            for row in 0..<rows { h = Self.mix(h ^ signature[band * rows + row]) }
            return h
        }
    }

    /// (high·2^64 + low + c) mod (2^61 − 1).
    @inline(__always)
    static func reduce(high: UInt64, low: UInt64, plus c: UInt64) -> UInt64 {
        // 2^64 ≡ 2^3 (mod 2^61 − 1): fold the 128-bit product down, then add c.
        var v = (low & prime) &+ (low >> 61) &+ ((high << 3) & prime) &+ (high >> 58) &+ c
        v = (v & prime) &+ (v >> 61)
        v = (v & prime) &+ (v >> 61)
        return v >= prime ? v - prime : v
    }

    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func splitmix(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return mix(state &- 0x9E37_79B9_7F4A_7C15)
    }

    /// Exact Jaccard similarity of two sorted, repeat-free shingle sets.
    public static func jaccard(_ x: [UInt64], _ y: [UInt64]) -> Double {
        if x.isEmpty && y.isEmpty { return 1 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                common += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(x.count + y.count - common)
    }
}
