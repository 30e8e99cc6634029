/// HF's `PreTokenizedString`: the normalized text of a document cut into splits, with the scratch buffers
/// the pre-tokenizers reuse. One per encoder; `reset` keeps every buffer's capacity.
struct PreTokenizedText {
    /// Every split's characters; splits index into it.
    var text = AlignedText()
    var splits: [TextSplit] = []

    // Scratch, reused from document to document.
    var nextText = AlignedText()
    var nextSplits: [TextSplit] = []
    var segment = AlignedText()
    var scratch = AlignedText()
    var matches: [PatternMatch] = []
    var ranges: [Range<Int>] = []
    var rangeTokenIDs: [Int32] = []
    var changes: [TransformChange] = []

    mutating func reset() {
        text.removeAll()
        splits.removeAll(keepingCapacity: true)
    }

    /// Splits every split that is not an added token by the matches `find` reports for its characters
    /// (HF's `PreTokenizedString::split` with `NormalizedString::split`); empty pieces are dropped.
    mutating func split(
        behavior: SplitBehavior,
        _ find: (UnsafeBufferPointer<UInt32>, inout [PatternMatch]) throws -> Void
    ) rethrows {
        nextSplits.removeAll(keepingCapacity: true)
        for split in splits {
            if split.isTokenized { nextSplits.append(split); continue }
            matches.removeAll(keepingCapacity: true)
            try text.scalars.withUnsafeBufferPointer { all in
                try find(UnsafeBufferPointer(rebasing: all[split.range]), &matches)
            }
            ranges.removeAll(keepingCapacity: true)
            behavior.apply(matches, into: &ranges)
            for r in ranges where !r.isEmpty {
                let start = Int(split.start) + r.lowerBound
                nextSplits.append(TextSplit(start: Int32(start), end: Int32(Int(split.start) + r.upperBound),
                                            originalStart: text.starts[start], addedTokenID: -1))
            }
        }
        swap(&splits, &nextSplits)
    }

    /// Splits by a per-character predicate: every matching character is its own match (HF's `Fn(char) -> bool` pattern).
    mutating func split(behavior: SplitBehavior, where predicate: (UInt32) -> Bool) {
        split(behavior: behavior) { scalars, out in
            Self.characterMatches(scalars, into: &out, predicate)
        }
    }

    static func characterMatches(_ scalars: UnsafeBufferPointer<UInt32>, into out: inout [PatternMatch],
                                 _ predicate: (UInt32) -> Bool) {
        if scalars.isEmpty { out.append(PatternMatch(0, 0, false)); return }
        var last = 0
        for i in 0 ..< scalars.count where predicate(scalars[i]) {
            if last < i { out.append(PatternMatch(last, i, false)) }
            out.append(PatternMatch(i, i + 1, true))
            last = i + 1
        }
        if scalars.count > last { out.append(PatternMatch(last, scalars.count, false)) }
    }

    /// Rewrites every split that is not an added token: `body` gets the split's characters in `segment`
    /// (alignments included), may transform them, and appends the sub-ranges of `segment` that become the
    /// new splits to `ranges` (leave it empty to keep the whole segment as one split), and optionally to
    /// `tokenIDs` the added token each of them is (-1 for none; missing entries are -1).
    mutating func rewrite(
        _ body: (inout AlignedText, TextSplit, inout [Range<Int>], inout [Int32], inout AlignedText) throws -> Void
    ) rethrows {
        nextText.removeAll()
        nextSplits.removeAll(keepingCapacity: true)
        for split in splits {
            let base = nextText.count
            if split.isTokenized {
                nextText.append(contentsOf: text, range: split.range)
                nextSplits.append(TextSplit(start: Int32(base), end: Int32(nextText.count),
                                            originalStart: split.originalStart, addedTokenID: split.addedTokenID))
                continue
            }
            segment.removeAll()
            segment.append(contentsOf: text, range: split.range)
            ranges.removeAll(keepingCapacity: true)
            rangeTokenIDs.removeAll(keepingCapacity: true)
            try body(&segment, split, &ranges, &rangeTokenIDs, &scratch)
            nextText.append(contentsOf: segment, range: 0 ..< segment.count)
            if ranges.isEmpty {
                if !segment.isEmpty {
                    nextSplits.append(TextSplit(start: Int32(base), end: Int32(nextText.count),
                                                originalStart: split.originalStart, addedTokenID: -1))
                }
            } else {
                for (k, r) in ranges.enumerated() where !r.isEmpty {
                    nextSplits.append(TextSplit(start: Int32(base + r.lowerBound), end: Int32(base + r.upperBound),
                                                originalStart: segment.starts[r.lowerBound],
                                                addedTokenID: k < rangeTokenIDs.count ? rangeTokenIDs[k] : -1))
                }
            }
        }
        swap(&text, &nextText)
        swap(&splits, &nextSplits)
    }
}
