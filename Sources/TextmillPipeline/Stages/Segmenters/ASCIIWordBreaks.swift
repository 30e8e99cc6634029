/// ICU's UAX #29 word segments and rule statuses for pure-ASCII text, without ICU.
///
/// Reproduces ICU 72's root word rules (CLDR's: `:` is not MidLetter, `@` is ALetter) on the
/// 128 ASCII characters, where no Extend, Format or ZWJ character can occur, so WB4 never
/// applies and every rule reduces to the few classes below. The rule status of a word segment
/// is ICU's: that of its last character (letter 200, digit 100), and for a trailing `_` that of
/// the character before it (a letter or `_` 200, a digit 100; `_` alone has none).
/// `WordBreakerDifferentialTests` checks all of this against ICU itself (`make test`), and
/// `WordBreaker` only uses it where ICU's answer cannot depend on non-ASCII neighbours.
enum ASCIIWordBreaks {
    static let other: UInt8 = 0
    static let letter: UInt8 = 1
    static let digit: UInt8 = 2
    /// `_` (ExtendNumLet).
    static let connector: UInt8 = 3
    /// `.` (MidNumLet) and `'` (Single_Quote): join letters with letters and digits with digits.
    static let midLetterOrNumber: UInt8 = 4
    /// `,` and `;` (MidNum): join digits with digits.
    static let midNumber: UInt8 = 5
    static let space: UInt8 = 6
    static let carriageReturn: UInt8 = 7

    /// The class of each ASCII unit.
    static let classes: [UInt8] = (0..<128).map { (u: Int) -> UInt8 in
        switch UInt8(u) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "@"): letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit
        case UInt8(ascii: "_"): connector
        case UInt8(ascii: "."), UInt8(ascii: "'"): midLetterOrNumber
        case UInt8(ascii: ","), UInt8(ascii: ";"): midNumber
        case UInt8(ascii: " "): space
        case UInt8(ascii: "\r"): carriageReturn
        default: other  // LF, VT, FF (WB3a/b) and the rest stand alone
        }
    }

    /// ICU's rule statuses (`UBRK_WORD_NUMBER`, `UBRK_WORD_LETTER`).
    static let numberStatus: Int32 = 100
    static let letterStatus: Int32 = 200

    /// Calls `body(start, end, ruleStatus)` for each of ICU's word segments of `units[range]`,
    /// which must be pure ASCII and cut at positions where ICU breaks whatever surrounds them.
    @inline(__always)
    static func forEachSegment(
        in units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, _ body: (Int, Int, Int32) throws -> Void
    ) rethrows {
        try classes.withUnsafeBufferPointer { classOf in
            let end = range.upperBound
            var i = range.lowerBound
            while i < end {
                let c = classOf[Int(units[i])]
                var j = i + 1
                var status: Int32 = 0
                if c &- letter < 3 {  // a letter, digit or `_`: a word, number or connector run
                    while true {
                        while j < end && classOf[Int(units[j])] &- letter < 3 { j += 1 }  // WB5, 8–10, 13a/b
                        // WB6/7 (letter . letter, letter ' letter), WB11/12 (digit , digit, digit . digit, …).
                        guard j + 1 < end else { break }
                        let middle = classOf[Int(units[j])]
                        guard middle == midLetterOrNumber || middle == midNumber else { break }
                        let before = classOf[Int(units[j - 1])], after = classOf[Int(units[j + 1])]
                        guard after == before && (after == digit || (after == letter && middle == midLetterOrNumber))
                        else { break }
                        j += 2
                    }
                    let last = classOf[Int(units[j - 1])]
                    status = last == letter ? letterStatus
                        : last == digit ? numberStatus
                        : j - 1 == i ? 0  // a lone `_`
                        : classOf[Int(units[j - 2])] == digit ? numberStatus : letterStatus
                } else if c == space {
                    while j < end && units[j] == 0x20 { j += 1 }  // WB3d
                } else if c == carriageReturn {
                    if j < end && units[j] == 0x0A { j += 1 }  // WB3
                }
                try body(i, j, status)
                i = j
            }
        }
    }

    /// Whether ICU's word break iterator breaks between `units[p - 1]` and `units[p]` whatever
    /// the text before and after them, so that the text on either side can be segmented on its
    /// own. True after LF, VT, FF and a CR not followed by LF (WB3a), before them (WB3b), and
    /// between an ASCII space and another ASCII character (nothing joins a space to anything
    /// but another space (WB3d) or a following Extend/Format/ZWJ (WB4), which is not ASCII).
    @inline(__always)
    static func isHardBreak(_ units: UnsafeBufferPointer<UInt16>, at p: Int) -> Bool {
        let a = units[p - 1], b = units[p]
        if a == 0x0A || a == 0x0B || a == 0x0C { return true }
        if a == 0x0D { return b != 0x0A }
        if b == 0x0A || b == 0x0B || b == 0x0C || b == 0x0D { return true }
        return a < 0x80 && b < 0x80 && (a == 0x20) != (b == 0x20)
    }
}
