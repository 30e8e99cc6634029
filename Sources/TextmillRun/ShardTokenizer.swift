import TextmillConfig
import TextmillPipeline
import TextmillJSON
import TextmillTokenizers

/// What shard output needs from the pipeline's id-producing stage: the vocabulary size (it
/// picks the token type), the end- and beginning-of-text ids, token lookup for `--eos-token`,
/// and decoding for `shards inspect`.
///
/// Two stages produce ids: `tokenizer` (an LLM tokenizer file: its own `<|endoftext|>`/`</s>`
/// and `<s>`/`<|begin_of_text|>`), and `wordpiece` (BERT has no end-of-text token: `[SEP]`
/// ends a document and `[CLS]` begins one).
public struct ShardTokenizer {
    public enum Source {
        case wordpiece(tokens: [String], continuationPrefix: String)
        case file(any TextTokenizer)
    }

    public var kind: String
    public var path: String
    public var tiktokenPattern: String?
    public var source: Source
    public var eos: UInt32?
    public var bos: UInt32?

    public var size: Int {
        switch source {
        case .wordpiece(let tokens, _): tokens.count
        case .file(let tokenizer): tokenizer.vocabularySize
        }
    }

    /// The tokenizer of `config`'s last id-producing stage; nil when it has none.
    public static func of(_ config: PipelineConfig) throws -> ShardTokenizer? {
        guard let stages = config.resolved["stages"]?.arrayValue,
            let stage = stages.last(where: { ["wordpiece", "tokenizer"].contains($0["type"]?.stringValue ?? "") })
        else { return nil }
        let directory = config.path.lastIndex(of: "/").map { String(config.path[..<$0]) } ?? "."
        func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : directory + "/" + file }
        if stage["type"]?.stringValue == "tokenizer", let file = stage["file"]?.stringValue {
            return try load(kind: "tokenizer", path: resolve(file), tiktokenPattern: stage["tiktoken_pattern"]?.stringValue)
        }
        guard let vocab = stage["vocab"]?.stringValue else { return nil }
        var tokenizer = try load(kind: "wordpiece", path: resolve(vocab), tiktokenPattern: nil)
        tokenizer.eos = tokenizer.id(of: stage["sep_token"]?.stringValue ?? "[SEP]")
        tokenizer.bos = tokenizer.id(of: stage["cls_token"]?.stringValue ?? "[CLS]")
        if case .wordpiece(let tokens, _) = tokenizer.source {
            tokenizer.source = .wordpiece(tokens: tokens, continuationPrefix: stage["continuation_prefix"]?.stringValue ?? "##")
        }
        return tokenizer
    }

    /// A tokenizer as a manifest describes it (for `shards inspect`).
    public static func of(manifest tokenizer: JSONValue) throws -> ShardTokenizer? {
        guard let kind = tokenizer["kind"]?.stringValue, let path = tokenizer["file"]?.stringValue else { return nil }
        return try load(kind: kind, path: path, tiktokenPattern: tokenizer["tiktoken_pattern"]?.stringValue)
    }

    /// `kind` "wordpiece": a BERT `vocab.txt` (the id is the line number, `[SEP]`/`[CLS]` as EOS/BOS);
    /// "tokenizer": a HF `tokenizer.json` or tiktoken rank file.
    public static func load(kind: String, path: String, tiktokenPattern: String?) throws -> ShardTokenizer {
        if kind == "tokenizer" {
            let tokenizer: any TextTokenizer
            do { tokenizer = try TokenizerFile.load(path: path, tiktokenPattern: tiktokenPattern) } catch {
                throw RunFailure("\(path): cannot load the tokenizer: \(error)")
            }
            return ShardTokenizer(
                kind: kind, path: path, tiktokenPattern: tiktokenPattern, source: .file(tokenizer), eos: tokenizer.endOfTextID,
                bos: tokenizer.beginOfTextID)
        }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch { throw RunFailure("\(path): cannot read the vocabulary: \(error.reason)") }
        var tokens = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if tokens.last == "" { tokens.removeLast() }
        var tokenizer = ShardTokenizer(
            kind: "wordpiece", path: path, tiktokenPattern: nil, source: .wordpiece(tokens: tokens, continuationPrefix: "##"))
        tokenizer.eos = tokenizer.id(of: "[SEP]")
        tokenizer.bos = tokenizer.id(of: "[CLS]")
        return tokenizer
    }

    public func id(of token: String) -> UInt32? {
        switch source {
        case .wordpiece(let tokens, _): tokens.firstIndex(of: token).map { UInt32($0) }
        case .file(let tokenizer): tokenizer.tokenID(token)
        }
    }

    /// An `--eos-token` value: a token of the vocabulary, or a number taken as the id.
    public func resolve(_ token: String, option: String) throws -> UInt32 {
        if let id = id(of: token) { return id }
        if let id = UInt32(token), Int(id) < size { return id }
        throw RunFailure("\(option) \(token): not a token of \(path) nor an id below \(size)")
    }

    /// The text of `ids`: the tokenizer's own decode; WordPiece pieces joined as BERT's decoder does.
    public func decode(_ ids: [UInt32]) -> String {
        switch source {
        case .file(let tokenizer):
            return String(decoding: tokenizer.decode(ids, skipSpecialTokens: false), as: UTF8.self)
        case .wordpiece(let tokens, let prefix):
            var text = ""
            for id in ids {
                let token = Int(id) < tokens.count ? tokens[Int(id)] : "<\(id)>"
                if !prefix.isEmpty && token.hasPrefix(prefix) {
                    text += token.dropFirst(prefix.count)
                } else {
                    if !text.isEmpty { text += " " }
                    text += token
                }
            }
            return text
        }
    }

    /// The manifest's description of the tokenizer.
    public func json(fingerprint: String, pipeline: String) -> JSONValue {
        .object([
            ("kind", .string(kind)),
            ("pipeline", .string(pipeline)),
            ("fingerprint", .string(fingerprint)),
            ("file", .string(path)),
            ("tiktoken_pattern", tiktokenPattern.map { .string($0) } ?? .null),
            ("vocabulary_size", .number(Double(size), literal: String(size))),
        ])
    }
}
