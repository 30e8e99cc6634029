/// A loaded HuggingFace `tokenizer.json`: its components, composed as HF composes them. Immutable and
/// shared by threads; `makeEncoder` gives each thread its buffers.
final class HFTokenizer: TextTokenizer {
    let path: String
    let normalizer: (any HFNormalizer)?
    let preTokenizer: (any HFPreTokenizer)?
    let model: any HFModel
    let postProcessor: (any HFPostProcessor)?
    let decoder: (any HFDecoder)?
    let added: AddedVocabulary
    let truncation: HFTruncation?
    let padding: HFPadding?
    let spaces: TokenSpaces
    let modelType: String
    private let addedByID: [UInt32: Int]
    private let addedByContent: [String: UInt32]
    let vocabularySize: Int

    init(path: String, normalizer: (any HFNormalizer)?, preTokenizer: (any HFPreTokenizer)?, model: any HFModel,
         modelType: String, postProcessor: (any HFPostProcessor)?, decoder: (any HFDecoder)?, added: AddedVocabulary,
         truncation: HFTruncation?, padding: HFPadding?) {
        self.path = path
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.model = model
        self.modelType = modelType
        self.postProcessor = postProcessor
        self.decoder = decoder
        self.added = added
        self.truncation = truncation
        self.padding = padding
        var byID: [UInt32: Int] = [:]
        var byContent: [String: UInt32] = [:]
        for (i, t) in added.tokens.enumerated() {
            byID[t.id] = i
            byContent[t.content] = t.id
        }
        addedByID = byID
        addedByContent = byContent
        var size = model.vocabularySize
        for t in added.tokens { size = max(size, Int(t.id) + 1) }
        var tokenStrings: [String?] = []
        var id: UInt32 = 0
        while tokenStrings.count < size || model.token(of: id) != nil {
            if tokenStrings.count > size + 1_000_000 { break }
            tokenStrings.append(byID[id].map { added.tokens[$0].display } ?? model.token(of: id))
            id += 1
        }
        vocabularySize = max(size, tokenStrings.count)
        spaces = TokenSpaces(tokens: tokenStrings)
    }

    func makeEncoder() -> any TokenEncoder { HFEncoder(tokenizer: self) }

    func tokenID(_ token: String) -> UInt32? { addedByContent[token] ?? model.id(of: token) }

    func token(_ id: UInt32) -> String? {
        if let i = addedByID[id] { return added.tokens[i].display }
        return model.token(of: id)
    }

    func isSpecial(_ id: UInt32) -> Bool {
        guard let i = addedByID[id] else { return false }
        return added.tokens[i].special
    }

    /// HF's `decode`: ids to token strings (special tokens skipped on request), then the decoder's chain,
    /// joined; without a decoder the tokens are joined with spaces.
    func decode(_ ids: [UInt32], skipSpecialTokens: Bool) -> [UInt8] {
        let specials = Set(added.tokens.filter(\.special).map(\.content))
        var tokens: [String] = []
        for id in ids {
            guard let t = token(id) else { continue }
            if skipSpecialTokens && specials.contains(t) { continue }
            tokens.append(t)
        }
        let text = decoder.map { $0.decodeChain(tokens).joined() } ?? tokens.joined(separator: " ")
        return Array(text.utf8)
    }

    var endOfTextID: UInt32? {
        for name in ["<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>", "<|eot_id|>", "[SEP]"] {
            if let id = tokenID(name) { return id }
        }
        return nil
    }

    var beginOfTextID: UInt32? {
        for name in ["<|begin_of_text|>", "<s>", "<bos>", "[CLS]"] {
            if let id = tokenID(name) { return id }
        }
        return nil
    }

    var summary: String { "HF tokenizer.json, \(modelType) model, \(vocabularySize) tokens" }
    var reportsOffsetsByDefault: Bool { true }
    var fingerprintBytes: [UInt8] { Array("hf-tokenizer-json/1".utf8) }
}
