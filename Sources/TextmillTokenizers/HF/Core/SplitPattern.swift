/// A tokenizer.json pattern (`{"String": "…"}` or `{"Regex": "…"}`) and how to find it in a run of
/// characters: literal strings by direct comparison, regexes with ICU (translated from Oniguruma syntax).
enum SplitPattern: Sendable {
    case literal([UInt32])
    case regex(String)

    init(_ json: HFJSON) throws {
        if let s = json.value["String"]?.stringValue {
            self = .literal(UTF8Encoding.scalars(s))
        } else if let r = json.value["Regex"]?.stringValue {
            self = .regex(RegexSplitter.translate(r))
        } else {
            throw json.invalid("pattern must be {\"String\": …} or {\"Regex\": …}")
        }
    }

    /// Appends the matches and gaps (HF's `find_matches`), flipped when `invert`.
    func matches(in scalars: UnsafeBufferPointer<UInt32>, invert: Bool, workspace: HFWorkspace,
                 into out: inout [PatternMatch]) throws {
        switch self {
        case .literal(let needle):
            if needle.isEmpty { out.append(PatternMatch(0, scalars.count, invert)); return }
            if scalars.isEmpty { out.append(PatternMatch(0, 0, invert)); return }
            var previous = 0
            var i = 0
            let n = scalars.count, m = needle.count
            while i + m <= n {
                var equal = true
                for k in 0 ..< m where scalars[i + k] != needle[k] { equal = false; break }
                if equal {
                    if previous != i { out.append(PatternMatch(previous, i, invert)) }
                    out.append(PatternMatch(i, i + m, !invert))
                    previous = i + m
                    i += m
                } else {
                    i += 1
                }
            }
            if previous != n { out.append(PatternMatch(previous, n, invert)) }
        case .regex(let pattern):
            let regex = try workspace.regex(pattern)
            try RegexSplitter.matches(regex, in: scalars, invert: invert, utf8: &workspace.regexUTF8,
                                      byteScalar: &workspace.regexByteScalar, into: &out)
        }
    }
}
