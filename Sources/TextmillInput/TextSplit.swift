/// How plain text is cut into documents (`--split`).
public enum TextSplit: String, Sendable, CaseIterable {
    /// Each non-blank line is a document.
    case lines
    /// Runs of non-blank lines separated by blank lines.
    case paragraphs
    /// The whole file is one document.
    case file
}
