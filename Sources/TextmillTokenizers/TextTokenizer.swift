/// A loaded LLM tokenizer (a tiktoken rank file or a HuggingFace `tokenizer.json`): immutable, shared by
/// every thread of a worker. Per-thread mutable state (caches, scratch buffers) lives in the
/// `TokenEncoder`s it makes, so encoding never locks.
public protocol TextTokenizer: Sendable {
    /// A new encoder with its own caches and buffers; make one per worker thread and reuse it for every document.
    func makeEncoder() -> any TokenEncoder

    /// The UTF-8 bytes the ids stand for. Ids that end in the middle of a character give those bytes as they
    /// are (callers repair or escape invalid UTF-8 as HF/tiktoken do when they make a string); unknown ids
    /// are skipped. `skipSpecialTokens` drops special/added tokens such as `<|endoftext|>` or `<s>`.
    func decode(_ ids: [UInt32], skipSpecialTokens: Bool) -> [UInt8]

    /// One more than the largest id the tokenizer can produce (special tokens included).
    var vocabularySize: Int { get }

    /// The id of a token as the file spells it (`"Ġthe"` for byte-level BPE, the decoded text for tiktoken), or nil.
    func tokenID(_ token: String) -> UInt32?

    /// The token string of an id as the file spells it; tiktoken tokens that are not valid UTF-8 come back
    /// with U+FFFD for the invalid bytes. Nil for an unknown id.
    func token(_ id: UInt32) -> String?

    /// Whether an id is a special (or special added) token, for `special_tokens_mask` and `skipSpecialTokens`.
    func isSpecial(_ id: UInt32) -> Bool

    /// The document separator for token shards: `<|endoftext|>` (GPT-2, cl100k, o200k), `</s>`, … when the file has one.
    var endOfTextID: UInt32? { get }

    /// The document start token (`<s>`, `<|begin_of_text|>`, `[CLS]`) when the file has one.
    var beginOfTextID: UInt32? { get }

    /// What the tokenizer is, in a few words, for `inspect` and error messages (e.g. `tiktoken cl100k_base, 100277 ranks`).
    var summary: String { get }

    /// Whether encodings carry offsets by default (HF: yes, as `encode` reports them; tiktoken: only on request).
    var reportsOffsetsByDefault: Bool { get }

    /// Bytes that identify the tokenizer's behaviour for the pipeline fingerprint (the file's content hash
    /// is added by the config; this covers what the file does not say, such as the tiktoken pattern).
    var fingerprintBytes: [UInt8] { get }
}
