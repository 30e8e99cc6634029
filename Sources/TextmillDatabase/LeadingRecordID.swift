/// The `id` of a record that starts with it, found without walking the rest of the record.
///
/// textmill writes `id` as the first member of every record (when the pipeline outputs it), and
/// the sinks need nothing else from most records, so walking every token and offset to the end
/// (what `JSONObjectScanner` does to find every top-level key) was most of their JSON work.
/// What makes stopping early exact is the second half: the value of a duplicate key is the last
/// one (as jsonb keeps it), and a later top-level `id` key is written either literally as `"id"`
/// or with a `\u` escape (the only JSON escape that gives a letter). So when the bytes after the
/// first member hold neither `"id"` nor `\u`, no other member can be called `id`; otherwise the
/// caller falls back to the full walk. Beyond the first member and the closing brace, the
/// record is not validated here.
enum LeadingRecordID {
    /// The byte range of the value of the first member when that member is the record's only
    /// `id` (a string or number; nil otherwise, or when another `id` may follow).
    static func range(in line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var i = skipSpace(line, 0)
        guard i < line.count, line[i] == 0x7B else { return nil }  // {
        i = skipSpace(line, i + 1)
        guard i + 4 <= line.count, line[i] == 0x22, line[i + 1] == 0x69, line[i + 2] == 0x64, line[i + 3] == 0x22 else { return nil }
        i = skipSpace(line, i + 4)
        guard i < line.count, line[i] == 0x3A else { return nil }  // :
        let start = skipSpace(line, i + 1)
        guard let end = scalarEnd(line, start) else { return nil }
        // A cheap guard against a cut-off line: the first member is followed by another or by
        // the end of the object, and the line ends with a brace.
        let next = skipSpace(line, end)
        var last = line.count - 1
        while last > next, line[last] == 0x20 || line[last] == 0x09 || line[last] == 0x0A || line[last] == 0x0D { last -= 1 }
        guard next < line.count, line[next] == 0x2C || line[next] == 0x7D, line[last] == 0x7D, !mayHoldAnotherID(line, from: end) else { return nil }
        return start..<end
    }

    /// The end of the string or number starting at `start`; nil for anything else.
    private static func scalarEnd(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < line.count else { return nil }
        var i = start
        if line[i] == 0x22 {
            i += 1
            while i < line.count {
                switch line[i] {
                case 0x22: return i + 1
                case 0x5C: i += 2
                default: i += 1
                }
            }
            return nil
        }
        while i < line.count, line[i] == 0x2D || line[i] == 0x2B || line[i] == 0x2E || (line[i] | 0x20) == 0x65 || (line[i] >= 0x30 && line[i] <= 0x39) {
            i += 1
        }
        return i > start ? i : nil
    }

    @inline(__always)
    private static func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0A || line[i] == 0x0D { i += 1 }
        return i
    }

    /// Whether the bytes from `start` on hold `"id"` or a `\u` escape. Looks for the rarer of
    /// their bytes, `d` and the backslash, eight bytes at a time: in each word the lowest mark
    /// of the classic "has a zero byte" test is always a true match (a borrow only marks bytes
    /// above one), and every candidate is checked byte by byte.
    static func mayHoldAnotherID(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard let base = line.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i + 8 <= line.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let notD = word ^ (0x64 &* ones)
            let notBackslash = word ^ (0x5C &* ones)
            let marks = ((notD &- ones) & ~notD | (notBackslash &- ones) & ~notBackslash) & highs
            if marks == 0 {
                i += 8
                continue
            }
            let candidate = i + marks.trailingZeroBitCount / 8
            switch check(line, candidate) {
            case .found: return true
            case .next(let next): i = next
            }
        }
        while i < line.count {
            switch check(line, i) {
            case .found: return true
            case .next(let next): i = next
            }
        }
        return false
    }

    private enum Candidate {
        case found
        case next(Int)
    }

    /// Whether `"id"` ends or a `\u` starts at `i` (a `d` or backslash, or any byte: then it
    /// moves on by one); a backslash's escaped byte is skipped with it, so `\\u` is no escape.
    @inline(__always)
    private static func check(_ line: UnsafeBufferPointer<UInt8>, _ i: Int) -> Candidate {
        switch line[i] {
        case 0x64:
            if i >= 2, i + 1 < line.count, line[i - 1] == 0x69, line[i - 2] == 0x22, line[i + 1] == 0x22 { return .found }
            return .next(i + 1)
        case 0x5C:
            if i + 1 < line.count, line[i + 1] == 0x75 { return .found }
            return .next(i + 2)
        default:
            return .next(i + 1)
        }
    }
}
