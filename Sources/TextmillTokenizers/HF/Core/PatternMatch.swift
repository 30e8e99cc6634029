/// A range of a split and whether a pattern matched it (HF's `Pattern::find_matches` items): matches and
/// the gaps between them, in order, covering the split.
struct PatternMatch {
    var start: Int32
    var end: Int32
    var isMatch: Bool

    init(_ start: Int, _ end: Int, _ isMatch: Bool) {
        self.start = Int32(start)
        self.end = Int32(end)
        self.isMatch = isMatch
    }
}
