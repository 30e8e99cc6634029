/// Runs normalizers one after the other.
struct SequenceNormalizer: HFNormalizer {
    let parts: [any HFNormalizer]

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        for part in parts { try part.normalize(&text, in: workspace) }
    }
}
