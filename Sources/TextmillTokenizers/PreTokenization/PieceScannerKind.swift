/// The well-known pre-tokenization patterns that have a hand-written scanner (proven identical to ICU's
/// regex engine by `PieceScannerDifferentialTests`).
public enum PieceScannerKind: String, Sendable, Hashable {
    /// GPT-2 / r50k_base / p50k_base.
    case r50k
    case cl100k
    case o200k
}
