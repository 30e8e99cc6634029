/// UTF-16 text whose every code unit remembers the range of the original text it came from.
///
/// Each text-changing stage (cleaners, normalizers) reads one `AlignedText` and writes the next;
/// origins are carried through, so alignments compose for free and token offsets always point
/// into the original input, however lengths changed on the way (`ﬁ` → `fi`, `ß` → `ss`).
/// Origins are UTF-16 indices into `OriginalText`; both bounds are non-decreasing along the text.
public struct AlignedText {
    public var units: [UInt16] = []
    public var originStart: [Int32] = []
    public var originEnd: [Int32] = []

    public init() {}

    public var count: Int { units.count }

    public mutating func removeAll() {
        units.removeAll(keepingCapacity: true)
        originStart.removeAll(keepingCapacity: true)
        originEnd.removeAll(keepingCapacity: true)
    }

    /// Resets to the original text with the identity alignment.
    public mutating func reset(toIdentityOf original: [UInt16]) {
        removeAll()
        units.append(contentsOf: original)
        originStart.reserveCapacity(original.count)
        originEnd.reserveCapacity(original.count)
        for i in 0..<Int32(original.count) {
            originStart.append(i)
            originEnd.append(i + 1)
        }
    }

    /// The original range covered by units `range` of this text.
    @inline(__always)
    public func origin(of range: Range<Int>) -> Range<Int> {
        if range.isEmpty {
            let at = range.lowerBound < count ? Int(originStart[range.lowerBound]) : Int(originEnd.last ?? 0)
            return at..<at
        }
        return Int(originStart[range.lowerBound])..<Int(originEnd[range.upperBound - 1])
    }

    /// Appends units `range` of `source` unchanged, with their origins.
    @inline(__always)
    public mutating func appendUnchanged(_ range: Range<Int>, of source: AlignedText) {
        units.append(contentsOf: source.units[range])
        originStart.append(contentsOf: source.originStart[range])
        originEnd.append(contentsOf: source.originEnd[range])
    }

    /// Appends `replacement`, which stands for units `range` of `source`.
    ///
    /// Every unit of the replacement points at the whole source range: the finest alignment
    /// that is always true. With `alignScalars`, when both sides have the same number of scalars,
    /// scalar k is aligned with scalar k instead; only transforms that map scalar to scalar in
    /// order (case mapping) may ask for that, since equal counts can also arise by accident
    /// (`…` + U+FEFF + U+200B → `...` under NFKC_Casefold).
    public mutating func appendReplacement(
        _ replacement: UnsafeBufferPointer<UInt16>, for range: Range<Int>, of source: AlignedText,
        alignScalars: Bool = false
    ) {
        if replacement.isEmpty { return }
        if alignScalars && scalarCount(replacement) == scalarCount(source.units, range) {
            var s = range.lowerBound
            var r = 0
            while r < replacement.count {
                let rLen = isLeadSurrogate(replacement[r]) && r + 1 < replacement.count ? 2 : 1
                let sLen = isLeadSurrogate(source.units[s]) && s + 1 < range.upperBound ? 2 : 1
                let start = source.originStart[s]
                let end = source.originEnd[s + sLen - 1]
                for k in 0..<rLen {
                    units.append(replacement[r + k])
                    originStart.append(start)
                    originEnd.append(end)
                }
                r += rLen
                s += sLen
            }
            return
        }
        let whole = source.origin(of: range)
        let start = Int32(whole.lowerBound)
        let end = Int32(whole.upperBound)
        for u in replacement {
            units.append(u)
            originStart.append(start)
            originEnd.append(end)
        }
    }
}

@inline(__always) func isLeadSurrogate(_ u: UInt16) -> Bool { u & 0xFC00 == 0xD800 }
@inline(__always) func isTrailSurrogate(_ u: UInt16) -> Bool { u & 0xFC00 == 0xDC00 }

/// The scalar starting at `i` and its length in units (lone surrogates count as one scalar).
@inline(__always)
func scalar(at i: Int, in units: UnsafeBufferPointer<UInt16>) -> (UInt32, Int) {
    let u = units[i]
    if isLeadSurrogate(u), i + 1 < units.count, isTrailSurrogate(units[i + 1]) {
        return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00), 2)
    }
    return (UInt32(u), 1)
}

@inline(__always)
func scalar(at i: Int, in units: [UInt16]) -> (UInt32, Int) {
    let u = units[i]
    if isLeadSurrogate(u), i + 1 < units.count, isTrailSurrogate(units[i + 1]) {
        return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00), 2)
    }
    return (UInt32(u), 1)
}

func scalarCount(_ units: UnsafeBufferPointer<UInt16>) -> Int {
    var n = 0
    for u in units where !isTrailSurrogate(u) { n += 1 }
    return n
}

func scalarCount(_ units: [UInt16], _ range: Range<Int>) -> Int {
    var n = 0
    for i in range where !isTrailSurrogate(units[i]) { n += 1 }
    return n
}
