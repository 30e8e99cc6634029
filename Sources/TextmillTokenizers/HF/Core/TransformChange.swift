/// One character of a transformed text with HF's `change` marker (see `AlignedText.transform`).
struct TransformChange {
    var scalar: UInt32
    var change: Int

    @inline(__always)
    init(_ scalar: UInt32, _ change: Int) {
        self.scalar = scalar
        self.change = change
    }
}
