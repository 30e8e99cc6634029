import TextmillTokenizers

/// `tokenizer-json` and `tiktoken`: LLM tokenizer files as `--tokenizer` loads them
/// (`TokenizerFile`: HF `tokenizer.json`, or tiktoken ranks with the cl100k pattern).
///
/// Properties: any input loads or throws (never a crash); a tokenizer that loads encodes a
/// few fixed texts (Latin, accents, emoji, CJK, a lone combining mark) into ids below its
/// vocabulary size, with `[start, end)` offsets inside the text when it reports them, and
/// decodes them without crashing; a tiktoken file that ranks every ASCII byte decodes the
/// encoding of an ASCII text back to its exact bytes (byte-level BPE is lossless).
public struct TokenizerFileTarget: FuzzTarget {
    public let name: String
    private let tiktoken: Bool

    static let texts = ["Hello, world! It's 3.14 -- ok?", "café naïve coöperation 😀👍🏽 東京都 ภาษาไทย", "\u{0301}a  \t\n b", ""]

    /// `tiktoken` false: `tokenizer-json`; true: `tiktoken`.
    public init(tiktoken: Bool) {
        self.tiktoken = tiktoken
        name = tiktoken ? "tiktoken" : "tokenizer-json"
    }

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        let tokenizer: any TextTokenizer
        do {
            tokenizer = try TokenizerFile.load(
                bytes: input, path: tiktoken ? "fuzz.tiktoken" : "tokenizer.json", tiktokenPattern: tiktoken ? "cl100k_base" : nil)
        } catch {
            return
        }
        let encoder = tokenizer.makeEncoder()
        let asciiComplete = tiktoken && (0...127).allSatisfy { tokenizer.tokenID(String(UnicodeScalar(UInt8($0)))) != nil }
        for text in Self.texts {
            let encoding: TokenEncoding
            do { encoding = try encoder.encode(text, options: EncodeOptions(withOffsets: true)) } catch { continue }
            for id in encoding.ids {
                try PropertyViolation.require(Int(id) < tokenizer.vocabularySize, "\(name): id \(id) ≥ vocabulary size \(tokenizer.vocabularySize)")
            }
            if encoding.hasOffsets {
                let scalars = UInt32(text.unicodeScalars.count)
                for i in 0..<encoding.count {
                    let (start, end) = (encoding.offsets[2 * i], encoding.offsets[2 * i + 1])
                    try PropertyViolation.require(start <= end && end <= scalars, "\(name): offsets [\(start), \(end)) outside a \(scalars)-scalar text")
                }
            }
            let decoded = tokenizer.decode(encoding.ids, skipSpecialTokens: false)
            if asciiComplete && text.utf8.allSatisfy({ $0 < 0x80 }) {
                try PropertyViolation.require(decoded == Array(text.utf8), "\(name): decode(encode(\(text))) is \(hex(decoded))")
            }
        }
    }
}
