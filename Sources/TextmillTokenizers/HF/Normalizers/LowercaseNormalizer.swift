import TextmillUnicode

/// Rust's `char::to_lowercase` per character, without context (`Σ` → `σ` always): the simple mapping,
/// plus the one unconditional multi-character mapping (`İ` → `i̇`); added characters align like HF's.
struct LowercaseNormalizer: HFNormalizer {
    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        Self.lowercase(&text, in: workspace)
    }

    static func lowercase(_ text: inout AlignedText, in workspace: HFWorkspace) {
        var expands = false
        for i in 0 ..< text.count {
            let c = text.scalars[i]
            if c == 0x130 { expands = true; break }
            text.scalars[i] = ScalarProperties.simpleLowercase(c)
        }
        guard expands else { return }
        // Rare path: redo with HF's transform so the extra character is aligned as HF aligns it.
        var changes: [TransformChange] = []
        for c in text.scalars {
            if c == 0x130 {
                changes.append(TransformChange(0x69, 0))
                changes.append(TransformChange(0x307, 1))
            } else {
                changes.append(TransformChange(ScalarProperties.simpleLowercase(c), 0))
            }
        }
        text.transform(changes: changes, initialOffset: 0, scratch: &workspace.scratch)
    }
}
