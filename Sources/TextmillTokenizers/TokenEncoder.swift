/// Turns text into token ids with one `TextTokenizer`. Holds per-thread mutable state (the word cache,
/// scratch buffers for pre-tokenization and merging), so one encoder must not be used by two threads at once.
public protocol TokenEncoder: AnyObject {
    /// Encodes `text` (valid UTF-8, the document's original text) into `encoding`, which is cleared first and
    /// reused across documents so the hot path does not allocate. Offsets are `[start, end)` Unicode-scalar
    /// indices into `text` (HF's `char` offsets); they are filled when `options.withOffsets` is set or the
    /// tokenizer reports them by default. Throws `TokenizerError` only for problems of the text itself
    /// (e.g. a disallowed special token), never for ordinary input.
    func encode(_ text: UnsafeBufferPointer<UInt8>, options: EncodeOptions, into encoding: inout TokenEncoding) throws
}

extension TokenEncoder {
    /// Convenience for tests and the server: encodes a Swift string into a fresh encoding.
    public func encode(_ text: String, options: EncodeOptions = EncodeOptions()) throws -> TokenEncoding {
        var encoding = TokenEncoding()
        var copy = text
        try copy.withUTF8 { try encode($0, options: options, into: &encoding) }
        return encoding
    }
}
