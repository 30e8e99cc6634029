/// A tokenizer.json decoder: HF's `decode_chain`, token strings in, token strings out; `decode` joins them.
protocol HFDecoder: Sendable {
    func decodeChain(_ tokens: [String]) -> [String]
}

/// Builds decoders from their JSON.
enum HFDecoderFactory {
    static func make(_ json: HFJSON) throws -> any HFDecoder {
        switch try json.type() {
        case "ByteLevel": return ByteLevelDecoder()
        case "Metaspace": return try MetaspaceDecoder(json)
        case "WordPiece":
            return WordPieceDecoder(prefix: try json.string("prefix", default: "##") ?? "##",
                                    cleanup: try json.bool("cleanup", default: true))
        case "BPEDecoder": return BPESuffixDecoder(suffix: try json.string("suffix", default: "</w>") ?? "</w>")
        case "ByteFallback": return ByteFallbackDecoder()
        case "Fuse": return FuseDecoder()
        case "Strip":
            let content = UTF8Encoding.scalars(try json.string("content"))
            guard content.count == 1 else { throw json.invalid("Strip content must be one character") }
            return StripDecoder(content: content[0], start: try json.int("start", default: 0) ?? 0,
                                stop: try json.int("stop", default: 0) ?? 0)
        case "Replace":
            guard let p = json.member("pattern") else { throw json.invalid("Replace needs a pattern") }
            return ReplaceDecoder(pattern: try SplitPattern(p), content: try json.string("content"))
        case "CTC":
            return CTCDecoder(padToken: try json.string("pad_token", default: "<pad>") ?? "<pad>",
                              wordDelimiter: try json.string("word_delimiter_token", default: "|") ?? "|",
                              cleanup: try json.bool("cleanup", default: true))
        case "Sequence": return SequenceDecoder(parts: try json.array("decoders").map(make))
        case let other: throw json.unsupported("decoder \(other)")
        }
    }
}
