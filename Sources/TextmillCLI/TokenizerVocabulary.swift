import TextmillConfig
import TextmillJSON

/// What shard output needs to know about the pipeline's id-producing stage: the vocabulary
/// (its size picks the token type; its tokens decode shards in `shards inspect`) and the ids
/// of its end- and beginning-of-text tokens.
///
/// Today that stage is `wordpiece` (BERT has no end-of-text token: `[SEP]` ends a document and
/// `[CLS]` begins one); an LLM tokenizer stage plugs in here with its own EOS/BOS.
struct TokenizerVocabulary {
    var kind: String
    var vocabularyPath: String
    var tokens: [String]
    var eos: UInt32?
    var bos: UInt32?
    /// Prefix of a token that continues a word (WordPiece's `##`), for decoding.
    var continuationPrefix: String

    var size: Int { tokens.count }

    /// The vocabulary of `config`'s last id-producing stage; nil when it has none.
    static func of(_ config: PipelineConfig) throws -> TokenizerVocabulary? {
        guard let stages = config.resolved["stages"]?.arrayValue else { return nil }
        guard let stage = stages.last(where: { $0["type"]?.stringValue == "wordpiece" }),
            let vocab = stage["vocab"]?.stringValue
        else { return nil }
        let path = vocab.hasPrefix("/") ? vocab : directory(of: config.path) + "/" + vocab
        var vocabulary = try load(path: path, kind: "wordpiece")
        vocabulary.eos = vocabulary.id(of: stage["sep_token"]?.stringValue ?? "[SEP]")
        vocabulary.bos = vocabulary.id(of: stage["cls_token"]?.stringValue ?? "[CLS]")
        vocabulary.continuationPrefix = stage["continuation_prefix"]?.stringValue ?? "##"
        return vocabulary
    }

    /// A vocabulary file with one token per line (BERT's `vocab.txt`); the id is the line number.
    static func load(path: String, kind: String) throws -> TokenizerVocabulary {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw FatalError("\(path): cannot read the vocabulary: \(error.reason)") }
        var tokens = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if tokens.last == "" { tokens.removeLast() }
        return TokenizerVocabulary(kind: kind, vocabularyPath: path, tokens: tokens, eos: nil, bos: nil, continuationPrefix: "##")
    }

    func id(of token: String) -> UInt32? { tokens.firstIndex(of: token).map { UInt32($0) } }

    /// An `--eos-token` value: a token of the vocabulary, or a number taken as the id.
    func resolve(_ token: String, option: String) throws -> UInt32 {
        if let id = id(of: token) { return id }
        if let id = UInt32(token), Int(id) < size { return id }
        throw FatalError("\(option) \(token): not a token of \(vocabularyPath) nor an id below \(size)")
    }

    /// Text for `ids`: WordPiece continuations joined to the previous piece, others space-separated.
    func decode(_ ids: [UInt32]) -> String {
        var text = ""
        for id in ids {
            let token = Int(id) < tokens.count ? tokens[Int(id)] : "<\(id)>"
            if token.hasPrefix(continuationPrefix) && !continuationPrefix.isEmpty {
                text += token.dropFirst(continuationPrefix.count)
            } else {
                if !text.isEmpty { text += " " }
                text += token
            }
        }
        return text
    }

    /// The manifest's description of the tokenizer.
    func json(fingerprint: String, pipeline: String) -> JSONValue {
        .object([
            ("kind", .string(kind)),
            ("pipeline", .string(pipeline)),
            ("fingerprint", .string(fingerprint)),
            ("vocabulary", .string(vocabularyPath)),
            ("vocabulary_size", .number(Double(size), literal: String(size))),
        ])
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
