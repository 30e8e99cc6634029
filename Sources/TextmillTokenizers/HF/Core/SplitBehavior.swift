/// What a split pattern does with the text it matched (HF's `SplitDelimiterBehavior`).
enum SplitBehavior: String {
    case removed, isolated, mergedWithPrevious, mergedWithNext, contiguous

    /// Reads the JSON spelling (`"Removed"`, `"Isolated"`, `"MergedWithPrevious"`, …).
    init?(json: String) {
        switch json {
        case "Removed": self = .removed
        case "Isolated": self = .isolated
        case "MergedWithPrevious": self = .mergedWithPrevious
        case "MergedWithNext": self = .mergedWithNext
        case "Contiguous": self = .contiguous
        default: return nil
        }
    }

    /// HF's `NormalizedString::split` fold: turns the matches of one split into the ranges to keep
    /// (appended to `out`, relative to the split, possibly empty).
    func apply(_ matches: [PatternMatch], into out: inout [Range<Int>]) {
        switch self {
        case .isolated:
            for m in matches { out.append(Int(m.start) ..< Int(m.end)) }
        case .removed:
            for m in matches where !m.isMatch { out.append(Int(m.start) ..< Int(m.end)) }
        case .contiguous:
            var previous = false
            let base = out.count
            for m in matches {
                if m.isMatch == previous, out.count > base {
                    out[out.count - 1] = out[out.count - 1].lowerBound ..< Int(m.end)
                } else {
                    out.append(Int(m.start) ..< Int(m.end))
                }
                previous = m.isMatch
            }
        case .mergedWithPrevious:
            var previous = false
            let base = out.count
            for m in matches {
                if m.isMatch && !previous, out.count > base {
                    out[out.count - 1] = out[out.count - 1].lowerBound ..< Int(m.end)
                } else {
                    out.append(Int(m.start) ..< Int(m.end))
                }
                previous = m.isMatch
            }
        case .mergedWithNext:
            var previous = false
            let base = out.count
            for m in matches.reversed() {
                if m.isMatch && !previous, out.count > base {
                    out[out.count - 1] = Int(m.start) ..< out[out.count - 1].upperBound
                } else {
                    out.append(Int(m.start) ..< Int(m.end))
                }
                previous = m.isMatch
            }
            out[base...].reverse()
        }
    }
}
