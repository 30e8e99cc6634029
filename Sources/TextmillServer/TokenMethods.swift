/// The LLM tokenizer behind the server's `encode`, `decode` and `count_tokens` methods, answered in the
/// server process itself (they are quick and a chatbot budgeting its context wants no batching delay).
/// Implementations are called from several event-loop threads at once.
public protocol TokenMethods: Sendable {
    /// Token ids of `text` (HF: with the template's special tokens when `addSpecialTokens`), and the token
    /// strings when `withTokens`.
    func encode(_ text: String, addSpecialTokens: Bool, withTokens: Bool) throws -> (ids: [UInt32], tokens: [String]?)
    /// The text of `ids` (invalid UTF-8 becomes U+FFFD).
    func decode(_ ids: [UInt32], skipSpecialTokens: Bool) -> String
    /// Whether the tokenizer has `id` (`decode` refuses ids it lacks instead of dropping them silently).
    func knows(_ id: UInt32) -> Bool
    /// How many ids `encode` would give.
    func countTokens(_ text: String, addSpecialTokens: Bool) throws -> Int
    /// Whether special tokens are added when a request does not say (the pipeline's `add_special_tokens`).
    var addsSpecialTokensByDefault: Bool { get }
}
