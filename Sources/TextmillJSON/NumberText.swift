/// Decimal text of numbers written straight into memory the caller owns: the array writers
/// (`JSONWriter.intArray`, `doubleArray`) format a whole block of numbers into stack scratch and
/// append it at once, instead of one `Array.append(contentsOf:)` per number.
enum NumberText {
    /// "00" "01" … "99": two digits per table lookup.
    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The most bytes `int` writes (`-9223372036854775808`).
    static let maxIntLength = 20

    /// Writes `value` as `String(value)` does at `out`; returns the number of bytes written.
    @inline(__always)
    static func int(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            at = 1
        }
        let m = value.magnitude
        if m <= UInt(UInt32.max) { return at + uint32(UInt32(truncatingIfNeeded: m), to: out + at) }
        var digits = 10
        var bound: UInt = 10_000_000_000
        while digits < 20 && m >= bound {
            digits += 1
            bound &*= 10
        }
        var rest = m
        var i = at + digits
        let pairs = digitPairs.utf8Start
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            i -= 2
            out[i] = pairs[pair]
            out[i + 1] = pairs[pair + 1]
        }
        writeLast(UInt32(truncatingIfNeeded: rest), before: out + i, pairs)
        return at + digits
    }

    /// The digits of `m` (32-bit arithmetic: the usual case, feature indices and offsets).
    @inline(__always)
    private static func uint32(_ m: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let digits: Int
        if m < 10_000 {
            digits = m < 10 ? 1 : m < 100 ? 2 : m < 1000 ? 3 : 4
        } else if m < 100_000_000 {
            digits = m < 100_000 ? 5 : m < 1_000_000 ? 6 : m < 10_000_000 ? 7 : 8
        } else {
            digits = m < 1_000_000_000 ? 9 : 10
        }
        var rest = m
        var i = digits
        let pairs = digitPairs.utf8Start
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            i -= 2
            out[i] = pairs[pair]
            out[i + 1] = pairs[pair + 1]
        }
        writeLast(rest, before: out + i, pairs)
        return digits
    }

    /// The leading one or two digits (`rest` < 100), ending at `end`.
    @inline(__always)
    private static func writeLast(_ rest: UInt32, before end: UnsafeMutablePointer<UInt8>, _ pairs: UnsafePointer<UInt8>) {
        if rest >= 10 {
            let pair = Int(rest) &* 2
            end[-2] = pairs[pair]
            end[-1] = pairs[pair + 1]
        } else {
            end[-1] = UInt8(truncatingIfNeeded: 48 + rest)
        }
    }
}
