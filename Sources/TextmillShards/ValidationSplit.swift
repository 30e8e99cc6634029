/// Which documents go to the validation split: a pure function of the document's input
/// position (and the seed), so a resumed run, which sees only part of the input, decides
/// exactly as the interrupted one did.
public enum ValidationSplit: Sendable, Equatable {
    case none
    /// Each document independently with probability `fraction`, by a seeded hash of its position.
    case fraction(Double, seed: UInt64)
    /// The first `count` documents of the input (as llm.c's fineweb.py makes its first shard
    /// the validation set); error documents among them are reported, not replaced.
    case firstDocuments(Int)

    public func isValidation(ordinal: Int) -> Bool {
        switch self {
        case .none: false
        case .fraction(let f, let seed):
            { var g = SeededRandom(seed: seed, stream: 0x76616C, index: UInt64(ordinal)); return g.nextUnit() < f }()
        case .firstDocuments(let n): ordinal < n
        }
    }

    /// The manifest's description, compared by `--resume`.
    public var description: String {
        switch self {
        case .none: "none"
        case .fraction(let f, let seed): "fraction=\(f) seed=\(seed)"
        case .firstDocuments(let n): "first=\(n)"
        }
    }
}
