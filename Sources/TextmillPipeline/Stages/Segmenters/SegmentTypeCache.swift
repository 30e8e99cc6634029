import TextmillUnicode

/// `TokenType.classify` of word segments that ICU leaves without a word status, remembered per
/// BMP character: the answer depends only on the segment's first character and takes up to
/// five ICU property calls, while white space and punctuation segments repeat the same few
/// characters all the time.
struct SegmentTypeCache {
    /// Per BMP unit: 0 when not asked yet, else the type's index in `TokenType.allCases` + 1.
    private var known: [UInt8] = []

    /// The type of a none-status segment that starts at `start`.
    @inline(__always)
    mutating func noneStatusType(startingWith units: UnsafeBufferPointer<UInt16>, at start: Int) -> TokenType {
        let u = units[start]
        if u & 0xF800 == 0xD800 {  // a surrogate: the scalar may be astral; not cached
            return TokenType.classify(ruleStatus: 0, firstScalar: scalar(at: start, in: units).0)
        }
        if known.isEmpty { known = [UInt8](repeating: 0, count: 0x10000) }
        let k = known[Int(u)]
        if k != 0 { return Self.allTypes[Int(k) - 1] }
        let type = TokenType.classify(ruleStatus: 0, firstScalar: UInt32(u))
        known[Int(u)] = UInt8(Self.allTypes.firstIndex(of: type)! + 1)
        return type
    }

    private static let allTypes = TokenType.allCases
}
