/// One CLD2 detection: its top three languages (CLD2 codes, `un` for empty slots) with the
/// percent of the text each covers and CLD2's normalized score, the letter bytes it scored,
/// its reliability verdict and the per-chunk attribution.
public struct CLD2Result: Sendable {
    public var top: [(code: String, percent: Int, score: Double)]
    public var textBytes: Int
    public var isReliable: Bool
    public var chunks: [CLD2Chunk]

    /// The percent of the text CLD2 gives `code` (0 when it is not among the top three).
    public func percent(of code: String) -> Int {
        top.reduce(0) { $0 + ($1.code == code ? $1.percent : 0) }
    }
}
