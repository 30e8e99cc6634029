import TextmillUnicode

/// The pre-tokenizers that split on a per-character test, where every matching character is its own
/// match: WhitespaceSplit, Punctuation, Digits, CharDelimiterSplit.
struct PredicatePreTokenizer: HFPreTokenizer {
    enum Kind {
        case whitespaceSplit
        case punctuation(SplitBehavior)
        case digits(individual: Bool)
        case delimiter(UInt32)
    }

    let kind: Kind

    func preTokenize(_ workspace: HFWorkspace) throws {
        switch kind {
        case .whitespaceSplit:
            workspace.pre.split(behavior: .removed, where: ScalarProperties.isWhitespace)
        case .punctuation(let behavior):
            workspace.pre.split(behavior: behavior, where: Self.isPunctuation)
        case .digits(let individual):
            workspace.pre.split(behavior: individual ? .isolated : .contiguous, where: ScalarProperties.isNumber)
        case .delimiter(let d):
            workspace.pre.split(behavior: .removed) { $0 == d }
        }
    }

    /// ASCII punctuation or Unicode P* (HF's `is_punc`, also BERT's).
    @inline(__always)
    static func isPunctuation(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
        }
        return ScalarProperties.isPunctuation(c)
    }
}
