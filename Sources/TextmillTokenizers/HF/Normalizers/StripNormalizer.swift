/// Removes leading and/or trailing White_Space.
struct StripNormalizer: HFNormalizer {
    let left: Bool
    let right: Bool

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        text.strip(left: left, right: right, scratch: &workspace.scratch)
    }
}
