/// What ICU normalization does to ASCII, without ICU: an ASCII unit followed by another ASCII
/// unit (or the end of the text) is a normalization segment of its own, which NFKC_Casefold
/// lowercases and every other form keeps. The unit before a non-ASCII one is left to ICU,
/// since a combining mark may compose with it (`A` + U+030A → `å`).
enum ASCIINormalization {
    /// Normalizes the leading units of `units` that are ASCII and followed by ASCII (or the end)
    /// in place, one unit for one, and returns how many there are (`units.count` when the whole
    /// text was ASCII). Four units per step.
    static func normalizePrefixInPlace(_ units: UnsafeMutableBufferPointer<UInt16>, lowercasing: Bool) -> Int {
        guard let base = units.baseAddress else { return 0 }
        let n = units.count
        let raw = UnsafeMutableRawPointer(base)
        var i = 0
        while i + 4 < n && units[i + 4] < 0x80 {
            let w = raw.loadUnaligned(fromByteOffset: i &* 2, as: UInt64.self)
            if w & 0xFF80_FF80_FF80_FF80 != 0 { break }
            if lowercasing {
                // Per 16-bit lane u < 0x80: bit 7 of u + 0x3F is set from 'A' on, of u + 0x25 from '[' on.
                let upper = (w &+ 0x003F_003F_003F_003F) & ~(w &+ 0x0025_0025_0025_0025) & 0x0080_0080_0080_0080
                if upper != 0 { raw.storeBytes(of: w | (upper >> 2), toByteOffset: i &* 2, as: UInt64.self) }
            }
            i += 4
        }
        while i < n && units[i] < 0x80 && (i + 1 == n || units[i + 1] < 0x80) {
            if lowercasing { units[i] = lowercased(units[i]) }
            i += 1
        }
        return i
    }

    /// The end of the run of units from `start` that are ASCII and followed by ASCII (or the end).
    @inline(__always)
    static func standaloneRunEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
        var k = start
        let n = units.count
        while k < n && units[k] < 0x80 && (k + 1 == n || units[k + 1] < 0x80) { k += 1 }
        return k
    }

    /// `u` with A–Z lowercased.
    @inline(__always)
    static func lowercased(_ u: UInt16) -> UInt16 { u &- 0x41 < 26 ? u | 0x20 : u }
}
