import TextmillJSON

/// Readers for the option shapes the feature stages use (n-gram ranges, optional integers).
extension ConfigReader {
    /// `[min, max]` with `1 <= min <= max <= limit`.
    public func range(_ key: String, default fallback: ClosedRange<Int>?, limit: Int) throws(ConfigError) -> ClosedRange<Int> {
        guard let v = value(key) else {
            if let fallback { return fallback }
            throw fail(key, "required [min, max] is missing")
        }
        guard let items = v.arrayValue, items.count == 2, let lo = items[0].intValue, let hi = items[1].intValue else {
            throw fail(key, "expected [min, max] (two integers), found \(v.jsonText)")
        }
        guard 1 <= lo, lo <= hi, hi <= limit else {
            throw fail(key, "[\(lo), \(hi)] must satisfy 1 <= min <= max <= \(limit)")
        }
        return lo...hi
    }

    /// An integer that may be absent or null.
    public func optionalInt(_ key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let v = value(key), v != .null else { return nil }
        return try int(key, default: nil, range: range)
    }

    /// A boolean that may be absent or null (null: "follow another option").
    public func optionalBool(_ key: String) throws(ConfigError) -> Bool? {
        guard let v = value(key), v != .null else { return nil }
        guard let b = v.boolValue else { throw fail(key, "expected true, false or null, found \(v.jsonText)") }
        return b
    }
}
