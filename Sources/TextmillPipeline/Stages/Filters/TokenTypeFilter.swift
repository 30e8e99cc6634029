/// Keeps or drops tokens by type (e.g. drop white space and punctuation, keep emoji).
public struct TokenTypeFilter: TokenFilter {
    public let dropped: Set<TokenType>
    public let typeName = "filter_types"

    public init(dropping dropped: Set<TokenType>) { self.dropped = dropped }

    public func makeRunner() throws -> any StageRunner {
        let dropMask = dropped.reduce(UInt32(0)) { $0 | $1.bit }
        return ClosureRunner { analysis in
            analysis.tokens.removeAll { dropMask & $0.type.bit != 0 }
        }
    }
}
