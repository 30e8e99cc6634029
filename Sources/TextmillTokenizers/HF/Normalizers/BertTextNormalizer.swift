import TextmillUnicode

/// HF's `BertNormalizer`: clean_text (drop NUL, U+FFFD and Cc/Cf/Co/Cs except tab/newlines; whitespace →
/// space), spaces around CJK ideographs, strip accents (NFD then drop Mn), lowercase — in that order.
struct BertTextNormalizer: HFNormalizer {
    let cleanText: Bool
    let handleChineseChars: Bool
    let stripAccents: Bool
    let lowercase: Bool
    let nfd: UnicodeFormNormalizer

    init(_ json: HFJSON) throws {
        cleanText = try json.bool("clean_text", default: true)
        handleChineseChars = try json.bool("handle_chinese_chars", default: true)
        lowercase = try json.bool("lowercase", default: true)
        if let v = json.value["strip_accents"], let b = v.boolValue { stripAccents = b } else { stripAccents = lowercase }
        nfd = try UnicodeFormNormalizer(form: .nfd)
    }

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        if cleanText {
            text.filter(scratch: &workspace.scratch, changes: &workspace.changes) { c in
                !(c == 0 || c == 0xFFFD || Self.isControl(c))
            }
            for i in 0 ..< text.count where Self.isWhitespace(text.scalars[i]) { text.scalars[i] = 0x20 }
        }
        if handleChineseChars, text.scalars.contains(where: Self.isChineseChar) {
            var changes: [TransformChange] = []
            for c in text.scalars {
                if Self.isChineseChar(c) {
                    changes.append(TransformChange(0x20, 0))
                    changes.append(TransformChange(c, 1))
                    changes.append(TransformChange(0x20, 1))
                } else {
                    changes.append(TransformChange(c, 0))
                }
            }
            text.transform(changes: changes, initialOffset: 0, scratch: &workspace.scratch)
        }
        if stripAccents {
            try nfd.normalize(&text, in: workspace)
            text.filter(scratch: &workspace.scratch, changes: &workspace.changes) { !ScalarProperties.isNonspacingMark($0) }
        }
        if lowercase { LowercaseNormalizer.lowercase(&text, in: workspace) }
    }

    @inline(__always)
    static func isWhitespace(_ c: UInt32) -> Bool { c == 0x09 || c == 0x0A || c == 0x0D || ScalarProperties.isWhitespace(c) }

    @inline(__always)
    static func isControl(_ c: UInt32) -> Bool {
        if c == 0x09 || c == 0x0A || c == 0x0D { return false }
        if c >= 0x20 && c < 0x7F { return false }
        return ScalarProperties.isOtherAssigned(c)
    }

    @inline(__always)
    static func isChineseChar(_ c: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) || (0x20000...0x2A6DF).contains(c)
            || (0x2A700...0x2B73F).contains(c) || (0x2B740...0x2B81F).contains(c) || (0x2B920...0x2CEAF).contains(c)
            || (0xF900...0xFAFF).contains(c) || (0x2F800...0x2FA1F).contains(c)
    }
}
