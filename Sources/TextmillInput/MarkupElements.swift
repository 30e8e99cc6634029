/// Which elements shape the extracted text. Every element is a block (its boundaries are line
/// breaks) except the known inline ones of HTML, so data XML (`<title>`, `<text>`) and unknown
/// tags separate their text too; `script` and `style` are dropped with their content.
enum MarkupElements {
    static let inline: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "img", "ins", "kbd", "label", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
        "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    ]
    static let dropped: Set<String> = ["script", "style"]
    /// Elements whose white space is content.
    static let preformatted: Set<String> = ["pre", "textarea", "listing", "plaintext", "xmp"]

    static func isInline(_ name: String) -> Bool { inline.contains(name.lowercased()) }
    static func isDropped(_ name: String) -> Bool { dropped.contains(name.lowercased()) }
    static func isLineBreak(_ name: String) -> Bool { name.lowercased() == "br" }
    static func isPreformatted(_ name: String) -> Bool { preformatted.contains(name.lowercased()) }
}
