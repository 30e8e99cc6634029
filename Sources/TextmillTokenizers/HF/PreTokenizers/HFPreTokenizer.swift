/// A tokenizer.json pre-tokenizer: cuts (and for ByteLevel/Metaspace rewrites) the splits of `workspace.pre`.
protocol HFPreTokenizer: Sendable {
    func preTokenize(_ workspace: HFWorkspace) throws
}

/// Builds pre-tokenizers from their JSON.
enum HFPreTokenizerFactory {
    static func make(_ json: HFJSON) throws -> any HFPreTokenizer {
        switch try json.type() {
        case "ByteLevel": return try ByteLevelPreTokenizer(json)
        case "Split": return try SplitPreTokenizer(json)
        case "Whitespace": return WhitespacePreTokenizer()
        case "WhitespaceSplit": return PredicatePreTokenizer(kind: .whitespaceSplit)
        case "Punctuation":
            let behavior = try SplitBehavior(json: json.string("behavior", default: "Isolated") ?? "Isolated")
            guard let behavior else { throw json.invalid("unknown behavior") }
            return PredicatePreTokenizer(kind: .punctuation(behavior))
        case "Digits":
            return PredicatePreTokenizer(kind: .digits(individual: try json.bool("individual_digits", default: false)))
        case "Metaspace": return try MetaspacePreTokenizer(json)
        case "BertPreTokenizer": return BertPreTokenizer()
        case "UnicodeScripts": return UnicodeScriptsPreTokenizer()
        case "CharDelimiterSplit":
            let d = UTF8Encoding.scalars(try json.string("delimiter"))
            guard d.count == 1 else { throw json.invalid("delimiter must be one character") }
            return PredicatePreTokenizer(kind: .delimiter(d[0]))
        case "Sequence":
            return SequencePreTokenizer(parts: try json.array("pretokenizers").map(make))
        case let other:
            throw json.unsupported("pre-tokenizer \(other)")
        }
    }
}
