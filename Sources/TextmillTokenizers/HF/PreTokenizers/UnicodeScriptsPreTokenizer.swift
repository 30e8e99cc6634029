import TextmillUnicode

/// Cuts where the script changes (Hiragana, Katakana and U+30FC count as Han; spaces and unknown characters
/// belong to no script). As in HF, characters before the first one with a script are dropped.
struct UnicodeScriptsPreTokenizer: HFPreTokenizer {
    static let any: Int32 = -2

    static func script(_ c: UInt32) -> Int32 {
        if c == 0x30FC { return ScalarProperties.scriptHan }
        if c == 0x20 { return any }
        let s = ScalarProperties.script(c)
        if s == ScalarProperties.scriptHiragana || s == ScalarProperties.scriptKatakana { return ScalarProperties.scriptHan }
        if s == ScalarProperties.scriptUnknown || s < 0 { return any }
        return s
    }

    func preTokenize(_ workspace: HFWorkspace) throws {
        workspace.pre.split(behavior: .isolated) { scalars, out in
            var last: Int32? = nil
            var cuts: [Int] = []
            for (i, c) in scalars.enumerated() {
                let s = Self.script(c)
                if s != Self.any && last != Self.any && last != s { cuts.append(i) }
                if s != Self.any { last = s }
            }
            cuts.append(scalars.count)
            if cuts.count < 2 { return }
            for k in 0 ..< cuts.count - 1 { out.append(PatternMatch(cuts[k], cuts[k + 1], true)) }
        }
    }
}
