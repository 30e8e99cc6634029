/// Whether encodings are cut to a maximum length.
public enum TruncationSetting: Sendable, Hashable {
    /// Whatever the tokenizer file says (HF `truncation`; tiktoken files have none).
    case tokenizerDefault
    /// Never truncate, even if the file asks for it.
    case disabled
    /// At most `maxLength` ids including template special tokens; `fromLeft` drops the start instead of the end.
    case limit(maxLength: Int, fromLeft: Bool)
}
