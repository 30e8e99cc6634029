/// HF's `ByteLevel` normalizer: every UTF-8 byte becomes its GPT-2 byte character.
struct ByteLevelNormalizer: HFNormalizer {
    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        ByteLevelAlphabet.transform(&text, into: &workspace.scratch)
        swap(&text, &workspace.scratch)
    }
}
