/// A tokenizer.json post-processor for one sequence: adds the template's special tokens (when asked),
/// sets type ids, and for the byte-level ones trims spaces out of the offsets.
protocol HFPostProcessor: Sendable {
    /// How many tokens `process` adds with special tokens on (truncation leaves room for them).
    func addedTokens(isPair: Bool) -> Int
    func process(_ encoding: inout TokenEncoding, addSpecialTokens: Bool, spaces: TokenSpaces)
}

/// Builds post-processors from their JSON.
enum HFPostProcessorFactory {
    static func make(_ json: HFJSON, lookup: (String) -> UInt32?) throws -> any HFPostProcessor {
        switch try json.type() {
        case "TemplateProcessing": return try TemplatePostProcessor(json)
        case "BertProcessing":
            return WrapPostProcessor(cls: try Self.pair(json, "cls"), sep: try Self.pair(json, "sep"), trim: nil)
        case "RobertaProcessing":
            let trim = try json.bool("trim_offsets", default: true)
            return WrapPostProcessor(cls: try Self.pair(json, "cls"), sep: try Self.pair(json, "sep"),
                                     trim: trim ? try json.bool("add_prefix_space", default: true) : nil)
        case "ByteLevel":
            return ByteLevelPostProcessor(trimOffsets: try json.bool("trim_offsets", default: true),
                                          addPrefixSpace: try json.bool("add_prefix_space", default: true))
        case "Sequence":
            return SequencePostProcessor(parts: try json.array("processors").map { try make($0, lookup: lookup) })
        case let other:
            throw json.unsupported("post-processor \(other)")
        }
    }

    /// `["[CLS]", 101]`.
    private static func pair(_ json: HFJSON, _ key: String) throws -> UInt32 {
        guard let a = json.value[key]?.arrayValue, a.count == 2, a[0].stringValue != nil, let id = a[1].intValue, id >= 0 else {
            throw json.invalid("\(key) must be [token, id]")
        }
        return UInt32(id)
    }
}
