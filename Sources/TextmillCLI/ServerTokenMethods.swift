import Synchronization
import TextmillPipeline
import TextmillServer
import TextmillTokenizers

/// The server's `encode`/`decode`/`count_tokens` with the pipeline's own tokenizer stage (same file, same
/// options as the records `process` returns). Encoders are not thread-safe, so the event-loop threads take
/// one from a small pool and put it back.
final class ServerTokenMethods: TokenMethods {
    private let tokenizer: any TextTokenizer
    private let options: EncodeOptions
    private let pool = Mutex<[EncoderBox]>([])

    /// An encoder moved between threads, one thread at a time (guarded by `pool`).
    private struct EncoderBox: @unchecked Sendable {
        let encoder: any TokenEncoder
    }

    init(stage: TokenizerStage) {
        tokenizer = stage.tokenizer
        options = stage.options
    }

    /// The methods for the first tokenizer stage of `stages`, or nil when there is none.
    static func from(_ stages: [any PipelineStage]) -> ServerTokenMethods? {
        for stage in stages {
            if let tokenizerStage = stage as? TokenizerStage { return ServerTokenMethods(stage: tokenizerStage) }
        }
        return nil
    }

    var addsSpecialTokensByDefault: Bool { options.addSpecialTokens }

    private func withEncoder<R>(_ body: (any TokenEncoder) throws -> R) rethrows -> R {
        let box = pool.withLock { $0.popLast() } ?? EncoderBox(encoder: tokenizer.makeEncoder())
        defer { pool.withLock { if $0.count < 8 { $0.append(box) } } }
        return try body(box.encoder)
    }

    func encode(_ text: String, addSpecialTokens: Bool, withTokens: Bool) throws -> (ids: [UInt32], tokens: [String]?) {
        var options = self.options
        options.addSpecialTokens = addSpecialTokens
        let encoding = try withEncoder { try $0.encode(text, options: options) }
        return (encoding.ids, withTokens ? encoding.tokens(using: tokenizer) : nil)
    }

    func countTokens(_ text: String, addSpecialTokens: Bool) throws -> Int {
        try encode(text, addSpecialTokens: addSpecialTokens, withTokens: false).ids.count
    }

    func decode(_ ids: [UInt32], skipSpecialTokens: Bool) -> String {
        String(decoding: tokenizer.decode(ids, skipSpecialTokens: skipSpecialTokens), as: UTF8.self)
    }

    func knows(_ id: UInt32) -> Bool { tokenizer.token(id) != nil }
}
