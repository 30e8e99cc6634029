import TextmillJSON
/// Keeps tokens whose length in characters (Unicode scalars, as Python counts) is within
/// `minLength...maxLength`: drops one-letter noise and run-away tokens (URLs, base64).
public struct TokenLengthFilter: PipelineStage, StageDefinition {
    public static let typeName = "token_length"
    public static let optionNames: [String] = ["min", "max"]
    public let minLength: Int
    public let maxLength: Int

    public init(minLength: Int = 1, maxLength: Int = Int(Int32.max)) {
        self.minLength = minLength
        self.maxLength = maxLength
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        let min = try r.int("min", default: 1, range: 0...Int(Int32.max))
        let max = try r.optionalInt("max", range: 1...Int(Int32.max))
        if let max, max < min { throw r.fail("max", "\(max) is below min \(min)") }
        self.init(minLength: min, maxLength: max ?? Int(Int32.max))
    }

    public var resolvedOptions: [(String, JSONValue)] { [("min", .integer(minLength)), ("max", maxLength == Int(Int32.max) ? .null : .integer(maxLength))] }

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
