/// The pre-tokenization pattern and special tokens of a tiktoken encoding: one of OpenAI's documented
/// encodings by name (patterns and special-token ids exactly as `tiktoken_ext/openai_public.py` of
/// tiktoken 0.14 defines them), or a regex given literally (then with no special tokens).
public struct TiktokenPattern: Sendable, Hashable {
    /// The encoding name (`cl100k_base`), or nil for a literal pattern.
    public let name: String?
    /// The regex, in the syntax tiktoken and ICU share.
    public let regex: String
    /// Special-token strings and their ids.
    public let specialTokens: [String: UInt32]
    /// The hand-written scanner that gives the same pieces as `regex`, when there is one.
    public let scanner: PieceScannerKind?

    /// Every name `init(spelling:)` accepts.
    public static let names = ["gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base"]

    static let endOfText = "<|endoftext|>"
    static let fimPrefix = "<|fim_prefix|>"
    static let fimMiddle = "<|fim_middle|>"
    static let fimSuffix = "<|fim_suffix|>"
    static let endOfPrompt = "<|endofprompt|>"

    /// GPT-2, r50k_base and p50k_base.
    static let r50kRegex = #"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"#
    static let cl100kRegex =
        #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#
    static let o200kRegex = [
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"\p{N}{1,3}"#,
        #" ?[^\s\p{L}\p{N}]+[\r\n/]*"#,
        #"\s*[\r\n]+"#,
        #"\s+(?!\S)"#,
        #"\s+"#,
    ].joined(separator: "|")

    public init(name: String?, regex: String, specialTokens: [String: UInt32]) {
        self.name = name
        self.regex = regex
        self.specialTokens = specialTokens
        switch regex {
        case Self.r50kRegex: scanner = .r50k
        case Self.cl100kRegex: scanner = .cl100k
        case Self.o200kRegex: scanner = .o200k
        default: scanner = nil
        }
    }

    /// A documented encoding name, or else the text itself as a regex.
    public init(spelling: String) throws {
        if let named = Self.named(spelling) {
            self = named
        } else if spelling.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            throw TokenizerError.invalidPattern(
                pattern: spelling, message: "not a known tiktoken encoding (\(Self.names.joined(separator: ", "))) nor a regex")
        } else {
            self.init(name: nil, regex: spelling, specialTokens: [:])
        }
    }

    /// The documented encoding called `name`, or nil.
    public static func named(_ name: String) -> TiktokenPattern? {
        switch name {
        case "gpt2", "r50k_base", "p50k_base":
            return TiktokenPattern(name: name, regex: r50kRegex, specialTokens: [endOfText: 50256])
        case "cl100k_base":
            return TiktokenPattern(name: name, regex: cl100kRegex, specialTokens: [
                endOfText: 100257, fimPrefix: 100258, fimMiddle: 100259, fimSuffix: 100260, endOfPrompt: 100276,
            ])
        case "o200k_base":
            return TiktokenPattern(name: name, regex: o200kRegex, specialTokens: [endOfText: 199999, endOfPrompt: 200018])
        default:
            return nil
        }
    }

    /// The encoding whose name appears in a rank file's name (`.../cl100k_base.tiktoken`), or nil.
    public static func inferred(fromFileName path: String) -> TiktokenPattern? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        for name in names.reversed() where file.hasPrefix(name) {
            return named(name)
        }
        return nil
    }

    /// How the pattern is written in resolved options and fingerprints.
    public var spelling: String { name ?? regex }
}
