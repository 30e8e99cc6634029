/// Loads HuggingFace `tokenizer.json` files. Owned by the HF side of issue 13 (helper tokenizers-hf), which
/// replaces this placeholder with the real loader; until then such files are refused with a clear message.
public enum HFTokenizerLoader {
    /// Builds the tokenizer described by the JSON object in `bytes` (the whole file); `path` names it in errors.
    public static func load(bytes: [UInt8], path: String) throws -> any TextTokenizer {
        throw TokenizerError.unsupported(path: path, what: "HuggingFace tokenizer.json files are not built yet")
    }
}
