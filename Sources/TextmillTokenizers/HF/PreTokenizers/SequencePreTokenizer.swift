/// Runs pre-tokenizers one after the other.
struct SequencePreTokenizer: HFPreTokenizer {
    let parts: [any HFPreTokenizer]

    func preTokenize(_ workspace: HFWorkspace) throws {
        for part in parts { try part.preTokenize(workspace) }
    }
}
