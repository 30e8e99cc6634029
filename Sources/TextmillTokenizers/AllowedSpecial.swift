/// Which special-token strings found in the text are encoded as their special ids (tiktoken's
/// `allowed_special`). Anything not allowed is encoded as ordinary text, as `encode_ordinary` does.
public enum AllowedSpecial: Sendable, Hashable {
    /// `encode_ordinary`: special-token strings are plain text.
    case none
    /// `encode(text, allowed_special="all")`.
    case all
    /// `encode(text, allowed_special={...})`: only these strings.
    case only(Set<String>)

    /// Parses the CLI/config spelling: `none`, `all`, or a comma-separated list of token strings.
    public init(parsing text: String) {
        switch text {
        case "none", "": self = .none
        case "all": self = .all
        default: self = .only(Set(text.split(separator: ",").map(String.init)))
        }
    }

    /// The spelling `init(parsing:)` reads back, for resolved options and fingerprints (sorted, so stable).
    public var spelling: String {
        switch self {
        case .none: return "none"
        case .all: return "all"
        case .only(let set): return set.sorted().joined(separator: ",")
        }
    }
}
