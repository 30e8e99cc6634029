import TextmillJSON

/// Loads HuggingFace `tokenizer.json` files: every component the file names is built, or the load fails
/// naming the component textmill does not implement (the CLI turns that into exit 2).
public enum HFTokenizerLoader {
    /// Builds the tokenizer described by the JSON object in `bytes` (the whole file); `path` names it in errors.
    public static func load(bytes: [UInt8], path: String) throws -> any TextTokenizer {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw TokenizerError.invalidFile(path: path, line: 0, message: "not valid JSON: \(error)")
        }
        guard value.objectValue != nil else {
            throw TokenizerError.invalidFile(path: path, line: 0, message: "a tokenizer.json file must hold a JSON object")
        }
        let root = HFJSON(value, at: "", file: path)
        guard let modelJSON = root.member("model") else {
            throw TokenizerError.invalidFile(path: path, line: 0, message: "no \"model\"")
        }
        let model = try HFModelFactory.make(modelJSON)
        let modelType = try modelJSON.string("type", default: nil) ?? "?"
        let normalizer = try root.member("normalizer").map(HFNormalizerFactory.make)
        let preTokenizer = try root.member("pre_tokenizer").map(HFPreTokenizerFactory.make)
        let decoder = try root.member("decoder").map(HFDecoderFactory.make)
        let added = try addedTokens(root, normalizer: normalizer, model: model)
        let lookup: (String) -> UInt32? = { token in
            added.tokens.first { $0.content == token }?.id ?? model.id(of: token)
        }
        let postProcessor = try root.member("post_processor").map { try HFPostProcessorFactory.make($0, lookup: lookup) }
        let truncation = try root.member("truncation").map(HFTruncation.init)
        let padding = try root.member("padding").map(HFPadding.init)
        return HFTokenizer(path: path, normalizer: normalizer, preTokenizer: preTokenizer, model: model, modelType: modelType,
                           postProcessor: postProcessor, decoder: decoder, added: added, truncation: truncation, padding: padding)
    }

    private static func addedTokens(_ root: HFJSON, normalizer: (any HFNormalizer)?, model: any HFModel) throws -> AddedVocabulary {
        guard let items = root.member("added_tokens")?.items else { return AddedVocabulary(tokens: []) }
        let workspace = HFWorkspace()
        var tokens: [AddedToken] = []
        for item in items {
            let content = try item.string("content")
            if content.isEmpty { continue }
            let special = try item.bool("special", default: false)
            let normalized = try item.bool("normalized", default: !special)
            guard let id = try item.int("id", default: nil), id >= 0 else { throw item.invalid("added token needs an id") }
            var pattern = UTF8Encoding.scalars(content)
            var display = content
            if normalized, let normalizer {
                var text = AlignedText()
                for (i, c) in pattern.enumerated() { text.append(c, start: Int32(i), end: Int32(i + 1)) }
                try normalizer.normalize(&text, in: workspace)
                pattern = text.scalars
                display = UTF8Encoding.string(pattern)
            }
            tokens.append(AddedToken(id: UInt32(id), content: content, pattern: pattern, special: special,
                                     singleWord: try item.bool("single_word", default: false),
                                     lstrip: try item.bool("lstrip", default: false),
                                     rstrip: try item.bool("rstrip", default: false),
                                     normalized: normalized, display: display))
        }
        return AddedVocabulary(tokens: tokens)
    }
}
