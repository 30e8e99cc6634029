/// A tokenizer.json normalizer: changes the text in place, keeping HF's alignments to the original.
protocol HFNormalizer: Sendable {
    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws
}

/// Builds normalizers from their JSON.
enum HFNormalizerFactory {
    static func make(_ json: HFJSON) throws -> any HFNormalizer {
        switch try json.type() {
        case "NFC": return try UnicodeFormNormalizer(form: .nfc)
        case "NFD": return try UnicodeFormNormalizer(form: .nfd)
        case "NFKC": return try UnicodeFormNormalizer(form: .nfkc)
        case "NFKD": return try UnicodeFormNormalizer(form: .nfkd)
        case "Lowercase": return LowercaseNormalizer()
        case "Strip":
            return StripNormalizer(left: try json.bool("strip_left", default: false),
                                   right: try json.bool("strip_right", default: false))
        case "StripAccents": return StripAccentsNormalizer()
        case "Replace": return try ReplaceNormalizer(json)
        case "Prepend": return PrependNormalizer(prefix: UTF8Encoding.scalars(try json.string("prepend")))
        case "BertNormalizer": return try BertTextNormalizer(json)
        case "ByteLevel": return ByteLevelNormalizer()
        case "Sequence":
            return SequenceNormalizer(parts: try json.array("normalizers").map(make))
        case "Precompiled":
            throw json.unsupported("normalizer Precompiled (SentencePiece's precompiled charsmap) is not implemented; textmill refuses it rather than normalize differently")
        case let other:
            throw json.unsupported("normalizer \(other)")
        }
    }
}
