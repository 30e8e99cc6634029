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

    /// Whether the bytes from `start` on hold `"id"` or a backslash followed by `u` (which
    /// covers every `\u` escape, and sends an escaped backslash before a `u` to the full walk
    /// too, needlessly but harmlessly). Sixteen bytes at a time: a lane is marked where `id"`
    /// or a backslash starts, and only marked lanes are looked at byte by byte.
    static func mayHoldAnotherID(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard let base = line.baseAddress else { return false }
        let quote = SIMD16<UInt8>(repeating: 0x22), letterI = SIMD16<UInt8>(repeating: 0x69)
        let letterD = SIMD16<UInt8>(repeating: 0x64), backslash = SIMD16<UInt8>(repeating: 0x5C)
        var i = start
        while i + 18 <= line.count {
            let raw = UnsafeRawPointer(base + i)
            let here = raw.loadUnaligned(as: SIMD16<UInt8>.self)
            let next = raw.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
            let afterNext = raw.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
            let marks = (here .== letterI) .& (next .== letterD) .& (afterNext .== quote) .| (here .== backslash)
            if any(marks) {
                for lane in 0..<16 where marks[lane] && startsKeyOrEscape(line, i + lane) { return true }
            }
            i += 16
        }
        while i < line.count {
            if startsKeyOrEscape(line, i) { return true }
            i += 1
        }
        return false
    }

    /// Whether `i` is the `i` of `"id"` or the backslash of `\u`.
    @inline(__always)
    private static func startsKeyOrEscape(_ line: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        switch line[i] {
        case 0x5C: i + 1 < line.count && line[i + 1] == 0x75
        case 0x69: i >= 1 && i + 2 < line.count && line[i - 1] == 0x22 && line[i + 1] == 0x64 && line[i + 2] == 0x22
        default: false
        }
    }
}
