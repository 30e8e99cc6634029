/// Sums of ±1 per hashed column for one document, then the distinct columns in ascending order.
///
/// `hashing` used to sort one key per term (a 256-bucket radix sort per document, ~210
/// instructions a term); an open-addressing table keyed by column sums the signs as the terms
/// come, so only the distinct columns are sorted. One per stage runner, reused from document to
/// document: a document costs no allocation once the table has grown. Raw storage, because the
/// probe loop is the stage's inner loop (no uniqueness or exclusivity checks there).
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

    private static let emptySlot: Int32 = -1
    /// Distinct columns up to this many are sorted by insertion sort, more by radix sort: about
    /// where the radix sort's fixed cost (three passes over 256 counters) stops dominating.
    static let insertionSortLimit = 64

    public init() {
        slotCount = 0
        shift = 64
        slotColumns = .allocate(capacity: 0)
        slotSums = .allocate(capacity: 0)
        keys = .allocate(capacity: 0)
        scratch = .allocate(capacity: 0)
        grow(to: 64)
    }

    deinit { release() }

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
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with each distinct column in ascending order and its sum, and empties the
    /// table for the next document.
    public func drainSorted(_ body: (_ column: Int, _ sum: Int) -> Void) {
        let n = count
        var sorted = UnsafeMutableBufferPointer(start: keys, count: n)
        if n > Self.insertionSortLimit {
            sorted = Self.radixSort(sorted, scratch: UnsafeMutableBufferPointer(start: scratch, count: n), fromBit: 32)
        } else {
            Self.insertionSort(sorted)
        }
        let columns = slotColumns, sums = slotSums
        for key in sorted {
            let slot = key & 0xFFFF_FFFF
            body(key >> 32, Int(sums[slot]))
            columns[slot] = Self.emptySlot
        }
        count = 0
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
