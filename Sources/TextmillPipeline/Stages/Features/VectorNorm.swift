/// How a sparse feature vector is scaled: scikit-learn's `norm` parameter.
public enum VectorNorm: String, Sendable, CaseIterable {
    case l2, l1, none

    /// Scales `values` in place, summing in array order. As scikit-learn's `normalize` does:
    /// one double accumulator, then **division** by the norm (not multiplication by its
    /// inverse: that differs in the last bit); an all-zero vector is left as it is.
    @inline(__always)
    public func apply(_ values: inout [Double]) {
        let s: Double
        switch self {
        case .none: return
        case .l1:
            var sum = 0.0
            for v in values { sum += abs(v) }
            s = sum
        case .l2:
            var sum = 0.0
            for v in values { sum += v * v }
            s = sum.squareRoot()
        }
        if s == 0 { return }
        for i in values.indices { values[i] = values[i] / s }
    }
}
