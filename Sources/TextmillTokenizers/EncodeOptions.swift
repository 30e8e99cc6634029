/// How one call to `TokenEncoder.encode` behaves; the defaults are the reference libraries' defaults
/// (HF `encode(text)` with `add_special_tokens=True`, tiktoken `encode_ordinary`).
public struct EncodeOptions: Sendable, Hashable {
    /// HF: apply the file's post-processor template (`<s> … </s>`, `[CLS] … [SEP]`). tiktoken adds nothing either way.
    public var addSpecialTokens: Bool
    /// Which special-token strings inside the text become their special ids (tiktoken's `allowed_special`);
    /// HF tokenizers always match their added tokens and ignore this.
    public var allowedSpecial: AllowedSpecial
    /// Truncation: the file's own setting (HF), none, or a limit given on the command line.
    public var truncation: TruncationSetting
    /// Fill `TokenEncoding.offsets` even when the tokenizer does not report offsets by default.
    public var withOffsets: Bool

    public init(addSpecialTokens: Bool = true, allowedSpecial: AllowedSpecial = .none,
                truncation: TruncationSetting = .tokenizerDefault, withOffsets: Bool = false) {
        self.addSpecialTokens = addSpecialTokens
        self.allowedSpecial = allowedSpecial
        self.truncation = truncation
        self.withOffsets = withOffsets
    }
}
