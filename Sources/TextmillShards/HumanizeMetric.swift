/// Python humanize's `metric(value, unit)` with its default precision of 3 significant
/// digits (`1234` → `1.23 kT`), for the third line of datatrove's `.ds.metadata`.
enum HumanizeMetric {
    static func format(_ value: Int, unit: String) -> String {
        let exponent = value == 0 ? 0 : Int(String(value).count) - 1
        let group = exponent / 3
        let prefixes = Array("kMGTPEZYRQ")
        let prefix = group >= 1 && group <= prefixes.count ? String(prefixes[group - 1]) : ""
        let scaled = Double(value) / pow10(group * 3)
        let decimals = max(0, 3 - (exponent % 3) - 1)
        return fixed(scaled, decimals) + " " + prefix + unit
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// `format(x, ".Nf")`: rounds half to even on the binary value, as Python does for these sizes.
    private static func fixed(_ x: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (x * scale).rounded(.toNearestOrEven)
        let whole = Int(rounded) / Int(scale)
        let fraction = Int(rounded) % Int(scale)
        guard decimals > 0 else { return String(whole) }
        let digits = String(fraction)
        return String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
