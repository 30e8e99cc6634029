import TextmillUnicode

/// Normalized text as HF's `NormalizedString` keeps it: the current characters and, for each, the range of
/// original characters it came from. HF stores one alignment per UTF-8 byte, but every byte of a character
/// always carries the same one, so one per Unicode scalar is the same information; ranges are scalar
/// indices into the original text, the unit of HF's Python `char` offsets.
struct AlignedText {
    var scalars: [UInt32] = []
    var starts: [Int32] = []
    var ends: [Int32] = []

    var count: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }

    mutating func removeAll() {
        scalars.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func append(_ scalar: UInt32, start: Int32, end: Int32) {
        scalars.append(scalar)
        starts.append(start)
        ends.append(end)
    }

    /// Appends `other[range]` with its alignments.
    mutating func append(contentsOf other: AlignedText, range: Range<Int>) {
        scalars.append(contentsOf: other.scalars[range])
        starts.append(contentsOf: other.starts[range])
        ends.append(contentsOf: other.ends[range])
    }

    /// HF's `NormalizedString::transform_range` on `range` of this text: `changes` lists the new characters,
    /// each with `change` 0 (replaces the next old character), 1 (inserted: aligned like the character before
    /// it) or -N (replaces the next old character and removes N more). `initialOffset` old characters at the
    /// start of the range are removed first. Alignments follow HF exactly, which is what makes offsets match.
    mutating func transform(range: Range<Int>, changes: [TransformChange], initialOffset: Int, scratch: inout AlignedText) {
        scratch.removeAll()
        var offset = range.lowerBound + initialOffset
        for item in changes {
            let start: Int32
            let end: Int32
            if item.change > 0 {
                if offset < 1 { start = 0; end = 0 } else { start = starts[offset - 1]; end = ends[offset - 1] }
            } else {
                start = starts[offset]
                end = ends[offset]
                offset += 1 - item.change
            }
            scratch.append(item.scalar, start: start, end: end)
        }
        scalars.replaceSubrange(range, with: scratch.scalars)
        starts.replaceSubrange(range, with: scratch.starts)
        ends.replaceSubrange(range, with: scratch.ends)
    }

    /// The whole-text `transform`.
    mutating func transform(changes: [TransformChange], initialOffset: Int, scratch: inout AlignedText) {
        transform(range: 0 ..< count, changes: changes, initialOffset: initialOffset, scratch: &scratch)
    }

    /// HF's `filter`: keeps the characters for which `keep` is true; removed ones fold into the alignment
    /// bookkeeping of the kept character before them.
    mutating func filter(scratch: inout AlignedText, changes: inout [TransformChange], _ keep: (UInt32) -> Bool) {
        changes.removeAll(keepingCapacity: true)
        var removed = 0
        var removedStart = 0
        var last: UInt32? = nil
        var allKept = true
        for c in scalars {
            if keep(c) {
                if let l = last { changes.append(TransformChange(l, -removed)) } else { removedStart = removed }
                last = c
                removed = 0
            } else {
                removed += 1
                allKept = false
            }
        }
        if allKept { return }
        if let l = last { changes.append(TransformChange(l, -removed)) }
        transform(changes: changes, initialOffset: removedStart, scratch: &scratch)
    }

    /// HF's `prepend`: the new characters and the first old one all take the first character's alignment.
    mutating func prepend(_ prefix: [UInt32], scratch: inout AlignedText) {
        guard let first = scalars.first else { return }
        var changes: [TransformChange] = []
        for (i, c) in prefix.enumerated() { changes.append(TransformChange(c, i == 0 ? 0 : 1)) }
        changes.append(TransformChange(first, 1))
        transform(range: 0 ..< 1, changes: changes, initialOffset: 0, scratch: &scratch)
    }

    /// HF's `replace` for already-found matches (non-overlapping, ascending, non-empty ranges): each
    /// replacement character is aligned with the last character of its match.
    mutating func replace(matches: [Range<Int>], with content: [UInt32], scratch: inout AlignedText) {
        if matches.isEmpty { return }
        scratch.removeAll()
        var last = 0
        for m in matches {
            scratch.append(contentsOf: self, range: last ..< m.lowerBound)
            let start = starts[m.upperBound - 1]
            let end = ends[m.upperBound - 1]
            for c in content { scratch.append(c, start: start, end: end) }
            last = m.upperBound
        }
        scratch.append(contentsOf: self, range: last ..< count)
        swap(&self, &scratch)
    }

    /// HF's `lrstrip`: removes leading and/or trailing White_Space characters.
    mutating func strip(left: Bool, right: Bool, scratch: inout AlignedText) {
        var leading = 0
        if left { while leading < count && ScalarProperties.isWhitespace(scalars[leading]) { leading += 1 } }
        var trailing = 0
        if right && leading < count {
            while trailing < count - leading && ScalarProperties.isWhitespace(scalars[count - 1 - trailing]) { trailing += 1 }
        }
        if leading == 0 && trailing == 0 { return }
        var changes: [TransformChange] = []
        let n = count
        for i in 0 ..< n where i >= leading && i < n - trailing {
            changes.append(TransformChange(scalars[i], i == n - trailing - 1 ? -trailing : 0))
        }
        transform(changes: changes, initialOffset: leading, scratch: &scratch)
    }
}
