/// One entry of tokenizer.json's `added_tokens`, with the characters it is matched by (its content, or
/// for `normalized` tokens the content after the tokenizer's normalizer).
struct AddedToken: Sendable {
    let id: UInt32
    let content: String
    let pattern: [UInt32]
    let special: Bool
    let singleWord: Bool
    let lstrip: Bool
    let rstrip: Bool
    let normalized: Bool
    /// What `decode` and `tokens` show: the normalized form when it differs (HF's `normalized_cache`).
    let display: String
}
