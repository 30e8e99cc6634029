/// How an input file is read (`--format`); `auto` decides per file by extension, then content.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto, jsonl, text, csv, tsv, xml, html

    /// The format a file's name implies, ignoring a `.gz` suffix; nil when the name says nothing.
    public static func fromExtension(of path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        switch name[name.index(after: dot)...] {
        case "jsonl", "ndjson", "jsonlines": return .jsonl
        case "txt", "text", "md": return .text
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "xml": return .xml
        case "html", "htm", "xhtml": return .html
        default: return nil
        }
    }

    /// The format the first bytes suggest (after a BOM and white space): `{` is JSONL, markup
    /// mentioning `<html` or an HTML doctype is HTML, other markup is XML, the rest is text.
    /// CSV cannot be told from text reliably, so it needs its extension or `--format`.
    public static func sniff(_ head: [UInt8]) -> InputFormat {
        var i = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < head.count, head[i] == 0x20 || head[i] == 0x09 || head[i] == 0x0A || head[i] == 0x0D { i += 1 }
        guard i < head.count else { return .text }
        switch head[i] {
        case UInt8(ascii: "{"): return .jsonl
        case UInt8(ascii: "<"):
            let prefix = head[i..<min(head.count, i + 4096)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return prefix.containsSequence(Array("<html".utf8)) || prefix.containsSequence(Array("<!doctype html".utf8))
                ? .html : .xml
        default: return .text
        }
    }

    /// The format to read `path` with: the explicit one, else by extension, else by content.
    public static func resolve(_ requested: InputFormat, path: String, head: [UInt8]) -> InputFormat {
        if requested != .auto { return requested }
        if path != "-", let byName = fromExtension(of: path) { return byName }
        return sniff(head)
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array (short needles; detection only).
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
