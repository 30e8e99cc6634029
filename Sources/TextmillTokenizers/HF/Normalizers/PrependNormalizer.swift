/// Prepends a string to non-empty text (Llama's `▁`).
struct PrependNormalizer: HFNormalizer {
    let prefix: [UInt32]

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        text.prepend(prefix, scratch: &workspace.scratch)
    }
}
