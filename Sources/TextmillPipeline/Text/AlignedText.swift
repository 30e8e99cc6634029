/// UTF-16 text whose every code unit remembers the range of the original text it came from.
///
/// Each text-changing stage (cleaners, normalizers) reads one `AlignedText` and writes the next;
/// origins are carried through, so alignments compose for free and token offsets always point
/// into the original input, however lengths changed on the way (`ﬁ` → `fi`, `ß` → `ss`).
/// Origins are UTF-16 indices into `OriginalText`; both bounds are non-decreasing along the text.
///
/// While every unit still comes from the original unit at the same index (the original itself,
/// or text changed only unit for unit, as NFKC_Casefold lowercasing ASCII), the origins are not
/// stored: `isIdentity` is true and unit `i` comes from `i..<i + 1`. The first change of length
/// writes them out. Most documents then never pay for the two origin arrays.
public struct AlignedText {
    public var units: [UInt16] = []
    /// True while unit `i` comes from original unit `i` (the origin arrays are then empty).
    public private(set) var isIdentity = true
    private var storedStart: [Int32] = []
    private var storedEnd: [Int32] = []

    public init() {}

    public var count: Int { units.count }

    /// The start of each unit's origin (written out when the text is an identity; not for hot paths).
    public var originStart: [Int32] { isIdentity ? Array(0..<Int32(count)) : storedStart }
    /// The end of each unit's origin (written out when the text is an identity; not for hot paths).
    public var originEnd: [Int32] { isIdentity ? Array(1..<Int32(count + 1)) : storedEnd }

    /// The origin start of unit `i`.
    @inline(__always)
    public func originStart(at i: Int) -> Int32 { isIdentity ? Int32(i) : storedStart[i] }

    /// The origin end of unit `i`.
    @inline(__always)
    public func originEnd(at i: Int) -> Int32 { isIdentity ? Int32(i + 1) : storedEnd[i] }

    /// Empties the text; an empty text is an identity.
    public mutating func removeAll() {
        units.removeAll(keepingCapacity: true)
        storedStart.removeAll(keepingCapacity: true)
        storedEnd.removeAll(keepingCapacity: true)
        isIdentity = true
    }

    /// Resets to the original text with the identity alignment.
    public mutating func reset(toIdentityOf original: [UInt16]) {
        removeAll()
        units.append(contentsOf: original)
    }

    /// Writes the origin arrays out, so that `withOrigins` can hand them over.
    public mutating func storeOrigins() {
        guard isIdentity else { return }
        isIdentity = false
        let n = Int32(count)
        storedStart.append(contentsOf: 0..<n)
        storedEnd.append(contentsOf: 1..<(n + 1))
    }

    /// Runs `body` over the origin arrays; call `storeOrigins()` first.
    public func withOrigins<R>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) throws -> R
    ) rethrows -> R {
        precondition(!isIdentity || count == 0, "storeOrigins() first")
        return try storedStart.withUnsafeBufferPointer { starts in
            try storedEnd.withUnsafeBufferPointer { ends in try body(starts, ends) }
        }
    }

    /// The original range covered by units `range` of this text.
    @inline(__always)
    public func origin(of range: Range<Int>) -> Range<Int> {
        if isIdentity {
            let at = min(range.lowerBound, count)
            return range.isEmpty ? at..<at : range
        }
        if range.isEmpty {
            let at = range.lowerBound < count ? Int(storedStart[range.lowerBound]) : Int(storedEnd.last ?? 0)
            return at..<at
        }
        return Int(storedStart[range.lowerBound])..<Int(storedEnd[range.upperBound - 1])
    }

    /// Whether appending units `range` of `source` one for one keeps this text an identity.
    @inline(__always)
    private func staysIdentity(_ range: Range<Int>, of source: AlignedText) -> Bool {
        isIdentity && source.isIdentity && range.lowerBound == units.count
    }

    /// Appends units `range` of `source` unchanged, with their origins.
    @inline(__always)
    public mutating func appendUnchanged(_ range: Range<Int>, of source: AlignedText) {
        if staysIdentity(range, of: source) {
            units.append(contentsOf: source.units[range])
            return
        }
        storeOrigins()
        units.append(contentsOf: source.units[range])
        if source.isIdentity {
            storedStart.append(contentsOf: Int32(range.lowerBound)..<Int32(range.upperBound))
            storedEnd.append(contentsOf: Int32(range.lowerBound + 1)..<Int32(range.upperBound + 1))
        } else {
            storedStart.append(contentsOf: source.storedStart[range])
            storedEnd.append(contentsOf: source.storedEnd[range])
        }
    }

    /// Appends `unit`, which replaces unit `i` of `source` on its own (a one-for-one mapping).
    @inline(__always)
    public mutating func appendMapped(_ unit: UInt16, forUnitAt i: Int, of source: AlignedText) {
        if staysIdentity(i..<(i + 1), of: source) {
            units.append(unit)
            return
        }
        storeOrigins()
        units.append(unit)
        storedStart.append(source.originStart(at: i))
        storedEnd.append(source.originEnd(at: i))
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
        if replacement.count == 1 && range.count == 1 {
            // Both alignments give a single unit its source unit's origin.
            appendMapped(replacement[0], forUnitAt: range.lowerBound, of: source)
            return
        }
        storeOrigins()
        if alignScalars && scalarCount(replacement) == scalarCount(source.units, range) {
            var s = range.lowerBound
            var r = 0
            while r < replacement.count {
                let rLen = isLeadSurrogate(replacement[r]) && r + 1 < replacement.count ? 2 : 1
                let sLen = isLeadSurrogate(source.units[s]) && s + 1 < range.upperBound ? 2 : 1
                let start = source.originStart(at: s)
                let end = source.originEnd(at: s + sLen - 1)
                for k in 0..<rLen {
                    units.append(replacement[r + k])
                    storedStart.append(start)
                    storedEnd.append(end)
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
            storedStart.append(start)
            storedEnd.append(end)
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
