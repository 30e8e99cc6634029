/// Sums of ±1 per hashed column for one document, then the distinct columns in ascending order.
///
/// `hashing` used to sort one key per term (a 256-bucket radix sort per document, ~210
/// instructions a term); an open-addressing table keyed by column sums the signs as the terms
/// come, so only the distinct columns are ordered: by insertion sort when few, else by walking
/// a three-level bitmap of the columns seen (64-way: a set bit above says which word below has
/// bits), which costs a few instructions per column; radix sort where the columns are too many
/// for a bitmap. One per stage runner, reused from document to document: a document costs no
/// allocation once the table has grown. Raw storage, because the probe loop is the stage's
/// inner loop (no uniqueness or exclusivity checks there).
public final class ColumnSums {
    /// Column stored in each slot; `emptySlot` where none.
    private var slotColumns: UnsafeMutablePointer<Int32>
    private var slotSums: UnsafeMutablePointer<Int32>
    private var slotCount: Int
    /// Right shift that turns a 64-bit multiplicative hash into a slot number.
    private var shift: Int
    /// One key per distinct column, `column << 32 | slot`, in first-seen order until sorted;
    /// room for `slotCount / 2` (the most a document may add), as in `scratch`.
    private var keys: UnsafeMutablePointer<Int>
    private var scratch: UnsafeMutablePointer<Int>
    public private(set) var count = 0
    /// The columns seen, bit `c` of `seen[0]`; bit `w` of `seen[1]` says whether word `w` of
    /// `seen[0]` has bits, and so on (nil: too many columns for a bitmap).
    private let seen: (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>, Int)?

    private static let emptySlot: Int32 = -1
    /// Distinct columns up to this many are sorted by insertion sort, more by radix sort: about
    /// where the radix sort's fixed cost (three passes over 256 counters) stops dominating.
    static let insertionSortLimit = 32
    /// Columns up to this many get a bitmap (2^22: 512 KiB; `hashing`'s default 2^20: 128 KiB).
    static let bitmapLimit = 1 << 22

    /// `columns`: the number of columns (every column added is below it).
    public init(columns: Int = Int(Int32.max) + 1) {
        if columns <= Self.bitmapLimit {
            let words0 = (columns + 63) >> 6, words1 = (words0 + 63) >> 6, words2 = (words1 + 63) >> 6
            let level0 = UnsafeMutablePointer<UInt64>.allocate(capacity: words0)
            let level1 = UnsafeMutablePointer<UInt64>.allocate(capacity: words1)
            let level2 = UnsafeMutablePointer<UInt64>.allocate(capacity: words2)
            level0.initialize(repeating: 0, count: words0)
            level1.initialize(repeating: 0, count: words1)
            level2.initialize(repeating: 0, count: words2)
            seen = (level0, level1, level2, words2)
        } else {
            seen = nil
        }
        slotCount = 0
        shift = 64
        slotColumns = .allocate(capacity: 0)
        slotSums = .allocate(capacity: 0)
        keys = .allocate(capacity: 0)
        scratch = .allocate(capacity: 0)
        grow(to: 64)
    }

    deinit {
        release()
        if let seen {
            seen.0.deallocate()
            seen.1.deallocate()
            seen.2.deallocate()
        }
    }

    private func release() {
        slotColumns.deallocate()
        slotSums.deallocate()
        keys.deallocate()
        scratch.deallocate()
    }

    private func grow(to capacity: Int) {
        release()
        slotColumns = .allocate(capacity: capacity)
        slotColumns.initialize(repeating: Self.emptySlot, count: capacity)
        slotSums = .allocate(capacity: capacity)
        slotSums.initialize(repeating: 0, count: capacity)
        keys = .allocate(capacity: capacity / 2)
        scratch = .allocate(capacity: capacity / 2)
        slotCount = capacity
        shift = 64 - capacity.trailingZeroBitCount
    }

    /// Makes room for a document of at most `terms` terms (the table stays at most half full).
    /// The table must be empty, as a new one or `drainSorted` leaves it.
    public func reserve(terms: Int) {
        precondition(count == 0, "ColumnSums.reserve with columns not drained")
        if 2 * terms > slotCount {
            var capacity = slotCount
            while capacity < 2 * terms { capacity *= 2 }
            grow(to: capacity)
        }
    }

    /// Adds `sign` (±1) to `column` (0 ≤ column ≤ Int32.max). At most as many calls per
    /// document as `reserve` allowed for.
    @inline(__always)
    public func add(column: Int, sign: Int32) {
        let columns = slotColumns, mask = slotCount - 1
        let wanted = Int32(truncatingIfNeeded: column)
        var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: column) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while true {
            let found = columns[slot]
            if found == wanted {
                slotSums[slot] &+= sign
                return
            }
            if found == Self.emptySlot {
                columns[slot] = wanted
                slotSums[slot] = sign
                keys[count] = column << 32 | slot
                count += 1
                if let seen {
                    seen.0[column >> 6] |= 1 << UInt64(column & 63)
                    seen.1[column >> 12] |= 1 << UInt64((column >> 6) & 63)
                    seen.2[column >> 18] |= 1 << UInt64((column >> 12) & 63)
                }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with each distinct column in ascending order and its sum, and empties the
    /// table for the next document.
    public func drainSorted(_ body: (_ column: Int, _ sum: Int) -> Void) {
        let n = count
        let columns = slotColumns, sums = slotSums
        if let seen, n > Self.insertionSortLimit {
            walk(seen, body)
            for key in UnsafeMutableBufferPointer(start: keys, count: n) { columns[key & 0xFFFF_FFFF] = Self.emptySlot }
            count = 0
            return
        }
        var sorted = UnsafeMutableBufferPointer(start: keys, count: n)
        if n > Self.insertionSortLimit {
            sorted = Self.radixSort(sorted, scratch: UnsafeMutableBufferPointer(start: scratch, count: n), fromBit: 32)
        } else {
            Self.insertionSort(sorted)
        }
        for key in sorted {
            let slot = key & 0xFFFF_FFFF
            let column = key >> 32
            body(column, Int(sums[slot]))
            columns[slot] = Self.emptySlot
            if let seen {
                seen.0[column >> 6] = 0
                seen.1[column >> 12] = 0
                seen.2[column >> 18] = 0
            }
        }
        count = 0
    }

    /// The bitmap's columns in ascending order with their sums (looked up in the table, which
    /// is emptied only afterwards: a probe must not meet slots freed before it), clearing the
    /// bitmap on the way.
    @inline(__always)
    private func walk(
        _ seen: (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>, Int),
        _ body: (_ column: Int, _ sum: Int) -> Void
    ) {
        let columns = slotColumns, sums = slotSums, mask = slotCount - 1, shift = UInt64(self.shift)
        for w2 in 0..<seen.3 {
            var bits2 = seen.2[w2]
            if bits2 == 0 { continue }
            seen.2[w2] = 0
            while bits2 != 0 {
                let w1 = w2 << 6 | bits2.trailingZeroBitCount
                bits2 &= bits2 &- 1
                var bits1 = seen.1[w1]
                seen.1[w1] = 0
                while bits1 != 0 {
                    let w0 = w1 << 6 | bits1.trailingZeroBitCount
                    bits1 &= bits1 &- 1
                    var bits0 = seen.0[w0]
                    seen.0[w0] = 0
                    while bits0 != 0 {
                        let column = w0 << 6 | bits0.trailingZeroBitCount
                        bits0 &= bits0 &- 1
                        let wanted = Int32(truncatingIfNeeded: column)
                        var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: column) &* 0x9E37_79B9_7F4A_7C15) >> shift)
                        while columns[slot] != wanted { slot = (slot + 1) & mask }
                        body(column, Int(sums[slot]))
                    }
                }
            }
        }
    }

    /// Ascending insertion sort.
    public static func insertionSort(_ keys: UnsafeMutableBufferPointer<Int>) {
        var i = 1
        while i < keys.count {
            let v = keys[i]
            var j = i
            while j > 0 && keys[j - 1] > v {
                keys[j] = keys[j - 1]
                j -= 1
            }
            keys[j] = v
            i += 1
        }
    }

    /// Stable LSD radix sort of non-negative keys on their bits from `fromBit` up (keys equal
    /// there keep their input order), a byte a pass, as many passes as the largest key needs.
    /// Keys and scratch (of the same count) trade places after every pass: returns the one that
    /// holds the sorted keys.
    public static func radixSort(
        _ keys: UnsafeMutableBufferPointer<Int>, scratch: UnsafeMutableBufferPointer<Int>, fromBit: Int = 0
    ) -> UnsafeMutableBufferPointer<Int> {
        precondition(scratch.count == keys.count, "radixSort: scratch of another size")
        let n = keys.count
        var largest = 0
        for k in keys { largest = max(largest, k) }
        var src = keys, dst = scratch
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            var shift = fromBit
            while shift == fromBit || (shift < Int.bitWidth && largest >> shift > 0) {
                for d in 0..<256 { counts[d] = 0 }
                for i in 0..<n { counts[(src[i] >> shift) & 0xFF] += 1 }
                var sum = 0
                for d in 0..<256 {
                    let c = counts[d]
                    counts[d] = sum
                    sum += c
                }
                for i in 0..<n {
                    let d = (src[i] >> shift) & 0xFF
                    dst[counts[d]] = src[i]
                    counts[d] += 1
                }
                swap(&src, &dst)
                shift += 8
            }
        }
        return src
    }
}
