import TextmillUnicode

/// Removes combining marks (general category M), as HF's `StripAccents` does; usually after NFD.
struct StripAccentsNormalizer: HFNormalizer {
    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        text.filter(scratch: &workspace.scratch, changes: &workspace.changes) { !ScalarProperties.isMark($0) }
    }
}
