import TextmillJSON
import TextmillPipeline

extension ConfigReader {
    /// A number in `range` (thresholds, ratios).
    func double(_ key: String, default fallback: Double?, range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required number is missing")
        }
        guard case .number(let d, _) = v else { throw fail(key, "expected a number, found \(v.jsonText)") }
        guard range.contains(d) else { throw fail(key, "\(v.jsonText) is outside \(range.lowerBound)...\(range.upperBound)") }
        return d
    }
}

extension JSONValue {
    /// A number option value, written the shortest way that reads back the same.
    static func decimal(_ x: Double) -> JSONValue { .number(x, literal: "\(x)") }
}
