import TextmillUnicode

/// Applies a context-sensitive text transform run by run: white space is kept as it is and each
/// run between white space is transformed as a whole, so context inside a word (Greek final
/// sigma, transliteration rules) is honoured while alignment stays at word granularity or finer.
struct ChunkedTransform {
    var piece: [UInt16] = []
    /// Whether the transform maps scalars one to one, in order, when it keeps their count.
    let alignScalars: Bool

    init(alignScalars: Bool) { self.alignScalars = alignScalars }

    mutating func apply(
        to analysis: Analysis, _ transform: (UnsafeBufferPointer<UInt16>, inout [UInt16]) throws -> Void
    ) throws {
        let source = analysis.text
        var out = analysis.scratch
        analysis.scratch = AlignedText()
        out.removeAll()
        try source.units.withUnsafeBufferPointer { units in
            var i = 0
            while i < units.count {
                var j = i
                let startsWithSpace = isSpace(units, i)
                while j < units.count && isSpace(units, j) == startsWithSpace { j += scalar(at: j, in: units).1 }
                if startsWithSpace {
                    out.appendUnchanged(i..<j, of: source)
                } else {
                    piece.removeAll(keepingCapacity: true)
                    try transform(UnsafeBufferPointer(rebasing: units[i..<j]), &piece)
                    piece.withUnsafeBufferPointer { out.appendReplacement($0, for: i..<j, of: source, alignScalars: alignScalars) }
                }
                i = j
            }
        }
        analysis.scratch = out
        analysis.swapText()
    }

    @inline(__always)
    private func isSpace(_ units: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
        let u = units[i]
        if u < 0x80 { return u == 0x20 || (u >= 0x09 && u <= 0x0D) }
        return CharacterProperties.isWhitespace(scalar(at: i, in: units).0)
    }
}
