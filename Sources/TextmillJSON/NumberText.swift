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
        var m = value.magnitude
        var at = 0
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            at = 1
        }
        var digits = 1
        var bound: UInt = 10
        while digits < 20 && m >= bound {
            digits += 1
            bound &*= 10
        }
        let end = at + digits
        var i = end
        let pairs = digitPairs.utf8Start
        while m >= 100 {
            let pair = Int(m % 100) * 2
            m /= 100
            i -= 2
            out[i] = pairs[pair]
            out[i + 1] = pairs[pair + 1]
        }
        if m >= 10 {
            let pair = Int(m) * 2
            out[i - 2] = pairs[pair]
            out[i - 1] = pairs[pair + 1]
        } else {
            out[i - 1] = UInt8(truncatingIfNeeded: 48 + m)
        }
        return end
    }
}
