/// Keeps tokens whose length in characters (Unicode scalars, as Python counts) is within
/// `minLength...maxLength`: drops one-letter noise and run-away tokens (URLs, base64).
public struct TokenLengthFilter: TokenFilter {
    public let minLength: Int
    public let maxLength: Int
    public let typeName = "token_length"

    public init(minLength: Int = 1, maxLength: Int = Int(Int32.max)) {
        self.minLength = minLength
        self.maxLength = maxLength
    }

    public func makeRunner() throws -> any StageRunner {
        let lo = minLength, hi = maxLength
        return ClosureRunner { analysis in
            analysis.tokens.removeAll { token in
                // The UTF-16 length bounds the scalar count: n <= units <= 2n.
                let units = token.length
                if units < lo { return true }
                if units <= hi && (units + 1) / 2 >= lo { return false }
                let n = analysis.withUnits(of: token) { scalarCount($0) }
                return n < lo || n > hi
            }
        }
    }
}
