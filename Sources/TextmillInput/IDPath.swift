/// `--id-xpath` for streamed XML: a path relative to the document element that the reader can
/// follow without building a tree: `@id`, `title`, `revision/id`, `meta/@key`, optionally with
/// a leading `./` or a trailing `/text()`. The id is the first match's text, trimmed.
public struct IDPath: Sendable, Equatable {
    /// Child element names below the document element (empty: the element itself).
    public let elements: [String]
    /// An attribute of the last element, instead of its text.
    public let attribute: String?

    public init(_ expression: String) throws(InputError) {
        var text = Substring(expression).trimmingSpaces()
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        if text.hasSuffix("/text()") { text = text.dropLast(7) }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var attribute: String?
        if let last = parts.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            parts.removeLast()
        }
        let valid = { (name: String) -> Bool in
            !name.isEmpty && name.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.:".unicodeScalars.contains($0)
            }
        }
        guard !(parts.isEmpty && attribute == nil), parts.allSatisfy(valid), attribute.map(valid) ?? true else {
            throw InputError(
                "--id-xpath", "'\(expression)' cannot be evaluated while streaming XML: use a relative path "
                    + "like @id, title, revision/id or meta/@key")
        }
        self.elements = parts.map { $0.split(separator: ":").last.map(String.init) ?? $0 }
        self.attribute = attribute
    }
}
