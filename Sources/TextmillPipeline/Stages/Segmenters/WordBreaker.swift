import TextmillUnicode

/// ICU's word segments and rule statuses, with ICU called only for the parts of the text that
/// are not plain ASCII.
///
/// The text is cut at hard breaks (`ASCIIWordBreaks.isHardBreak`: where ICU breaks whatever the
/// context), so each piece segments exactly as it does inside the whole text. Pure-ASCII
/// pieces go through `ASCIIWordBreaks`; each stretch around non-ASCII text, from the hard
/// break before it to the one after it, goes to ICU (non-ASCII text close to the next is
/// taken along, to spare ICU's per-call set-up). The ASCII path is used only when the
/// iterator's compiled rules are the root locale's (not for `sv`, `fi` or `en_US_POSIX`), and
/// only if a start-up check finds it agreeing with the iterator.
final class WordBreaker {
    let iterator: BreakIterator
    /// Whether ASCII text is segmented without ICU.
    let usesASCIIPath: Bool

    /// Non-ASCII units at most this far after the end of an ICU stretch extend the stretch.
    private static let joinDistance = 16

    init(_ iterator: BreakIterator, asciiPath: Bool = true) throws {
        self.iterator = iterator
        if asciiPath, iterator.kind == .word {
            let root = iterator.locale == "root" ? iterator : try BreakIterator(.word, locale: "root")
            usesASCIIPath = try iterator.binaryRules() == root.binaryRules()
                && Self.asciiPathAgrees(with: iterator)
        } else {
            usesASCIIPath = false
        }
    }

    /// Calls `body(start, end, ruleStatus)` for each segment of `units`, in order: exactly
    /// what `BreakIterator.forEachSegment` gives.
    @inline(__always)
    func forEachSegment(in units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int32) throws -> Void) throws {
        guard usesASCIIPath else {
            try iterator.forEachSegment(in: units, body)
            return
        }
        let n = units.count
        var position = 0
        while position < n {
            let firstNonASCII = Self.firstNonASCII(units, from: position)
            if firstNonASCII == n {
                try ASCIIWordBreaks.forEachSegment(in: units, position..<n, body)
                return
            }
            var start = firstNonASCII
            while start > position && !ASCIIWordBreaks.isHardBreak(units, at: start) { start -= 1 }
            if start > position { try ASCIIWordBreaks.forEachSegment(in: units, position..<start, body) }
            var end = firstNonASCII + 1
            while true {
                while end < n && !ASCIIWordBreaks.isHardBreak(units, at: end) { end += 1 }
                let limit = min(n, end + Self.joinDistance)
                var k = end
                while k < limit && units[k] < 0x80 { k += 1 }
                if k == limit { break }
                end = k + 1
            }
            let offset = start
            try iterator.forEachSegment(in: UnsafeBufferPointer(rebasing: units[start..<end])) { s, e, status in
                try body(offset + s, offset + e, status)
            }
            position = end
        }
    }

    /// The index of the first unit from `start` on that is not ASCII (`units.count` if none);
    /// four units per step.
    @inline(__always)
    private static func firstNonASCII(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
        let n = units.count
        var i = start
        if let base = units.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 4 <= n && raw.loadUnaligned(fromByteOffset: i &* 2, as: UInt64.self) & 0xFF80_FF80_FF80_FF80 == 0 {
                i += 4
            }
        }
        while i < n && units[i] < 0x80 { i += 1 }
        return i
    }

    /// Segments a sample covering every ASCII character in every context that a rule looks
    /// at (after and before a letter, a digit, `_`, CR and space; between two of them) both
    /// ways: a safeguard against an ICU whose rules differ from those `ASCIIWordBreaks` encodes.
    private static func asciiPathAgrees(with iterator: BreakIterator) throws -> Bool {
        let contexts: [UInt16] = [0x61, 0x31, 0x5F, 0x0D, 0x20]
        var sample: [UInt16] = []
        sample.reserveCapacity(128 * contexts.count * 12)
        for u in UInt16(0)..<128 {
            for x in contexts {
                for v in [0x0A, u, 0x0A, x, u, 0x0A, u, x, 0x0A, x, u, x] { sample.append(v) }
            }
        }
        return try sample.withUnsafeBufferPointer { text in
            var expected: [Int32] = []
            expected.reserveCapacity(3 * text.count)
            try iterator.forEachSegment(in: text) { s, e, status in
                expected.append(Int32(s))
                expected.append(Int32(e))
                expected.append(status)
            }
            var k = 0
            var same = true
            ASCIIWordBreaks.forEachSegment(in: text, 0..<text.count) { s, e, status in
                same = same && k + 3 <= expected.count
                    && expected[k] == Int32(s) && expected[k + 1] == Int32(e) && expected[k + 2] == status
                k += 3
            }
            return same && k == expected.count
        }
    }
}
