import TextmillUnicode

/// Splits on whitespace (removed), then isolates each punctuation character.
struct BertPreTokenizer: HFPreTokenizer {
    func preTokenize(_ workspace: HFWorkspace) throws {
        workspace.pre.split(behavior: .removed, where: ScalarProperties.isWhitespace)
        workspace.pre.split(behavior: .isolated, where: PredicatePreTokenizer.isPunctuation)
    }
}
