/// Everything the pipeline knows about the document being processed.
///
/// One instance per worker, reused document after document: its buffers keep their capacity,
/// so the hot path allocates almost nothing per document.
public final class Analysis {
    public var original = OriginalText()
    /// The current text: starts as the original, replaced by each cleaner and normalizer.
    public var text = AlignedText()
    /// Scratch for text stages: they write here, then `swapText()` makes it current.
    public var scratch = AlignedText()
    public var tokens: [Token] = []
    /// Backing store for tokens whose text is not a range of `text` (see `Token.isStored`).
    public var tokenText: [UInt16] = []
    public var sentences: [Sentence] = []
    /// Fields added by featurizers, in the order they were added.
    public var features: [(name: String, value: FeatureValue)] = []
    /// Feature strings (n-grams) for hashing, TF-IDF and vocabulary counts; see `TermList`.
    public var terms = TermList()
    /// Model token ids (`wordpiece`, `tokenizer`), special tokens included: what binary token
    /// shards are written from. Stages that make ids also write them as the `ids` field.
    public var ids: [UInt32] = []
    /// Set by a filter stage that drops the document; the stages after it do not run.
    public var rejection: Rejection?

    public init() {}

    /// Prepares for a new document whose `original.units` have been filled.
    public func begin() {
        original.didChange()
        text.reset(toIdentityOf: original.units)
        tokens.removeAll(keepingCapacity: true)
        tokenText.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        features.removeAll(keepingCapacity: true)
        terms.removeAll()
        ids.removeAll(keepingCapacity: true)
        rejection = nil
    }

    /// Makes `scratch` the current text (and recycles the old one as scratch).
    public func swapText() {
        swap(&text, &scratch)
        scratch.removeAll()
    }

    /// Runs `body` over the UTF-16 units of `token`.
    @inline(__always)
    public func withUnits<R>(of token: Token, _ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        let range = Int(token.start)..<Int(token.end)
        if token.isStored {
            return try tokenText.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return try text.units.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The token's text as a `String` (for stages that need one; avoid on the hot path).
    public func string(of token: Token) -> String {
        withUnits(of: token) { String(decoding: $0, as: UTF16.self) }
    }

    /// Stores `units` as a new token text and returns its range in `tokenText`.
    public func store<C: Collection>(_ units: C) -> Range<Int> where C.Element == UInt16 {
        let start = tokenText.count
        tokenText.append(contentsOf: units)
        return start..<tokenText.count
    }

    /// The value a featurizer added under `name`, if any.
    public func feature(named name: String) -> FeatureValue? {
        features.first { $0.name == name }?.value
    }
}
