/// URLs, e-mail addresses, @mentions and #hashtags found in UTF-16 text by a hand-written
/// scanner (no regex engine, no `String`): what `merge_patterns` keeps whole and
/// `chat_features` counts.
///
/// Rules, applied in this order, each match excluding the later kinds from its span:
/// - url: `http://`, `https://` or `www.` and the following run of non-space characters other
///   than `<>"` and backquote, without trailing `.,;:!?'` and without a trailing `)`/`]` that
///   closes nothing inside the URL;
/// - email: `local@domain.tld`, local of letters/digits/`._%+-`, domain of two or more
///   dot-separated labels of letters/digits/`-`, the last one at least two letters;
/// - mention: `@` + ASCII letters/digits/`_` (user names are ASCII), not preceded by a
///   letter, digit or `_`;
/// - hashtag: `#` + letters/digits/`_` (at least one letter), same rule before it.
public enum ChatPattern: String, Sendable, CaseIterable {
    case url, email, mention, hashtag

    public struct Match: Sendable, Equatable {
        public var range: Range<Int>
        public var kind: ChatPattern
    }

    /// Every kind, built once (a `Set` argument built per call costs an allocation and hashing).
    static let every = Set(allCases)

    /// Every match of `kinds` in `units`, in text order, non-overlapping.
    public static func scan(_ units: UnsafeBufferPointer<UInt16>, kinds: Set<ChatPattern> = Set(allCases)) -> [Match] {
        // Most messages hold no pattern at all: one pass for the characters every kind needs
        // ("@", "#", the "/" of "://", a "." right after a "w" as in "www."), and nothing is
        // allocated or hashed when none is there. A bare "." (in most texts) is no URL mark.
        var hasAt = false, hasHash = false, hasURLMark = false
        var previous: UInt16 = 0
        for u in units {
            if u < 0x41 {
                if u == 0x40 {
                    hasAt = true
                } else if u == 0x23 {
                    hasHash = true
                } else if u == 0x2F || (u == 0x2E && previous | 0x20 == 0x77) {
                    hasURLMark = true
                }
            }
            previous = u
        }
        if !hasAt && !hasHash && !hasURLMark { return [] }
        var found: [Match] = []
        var taken = [Bool](repeating: false, count: units.count)
        if kinds.contains(.url) && hasURLMark {
            var i = 0
            while i < units.count {
                let u = units[i] | 0x20
                if u != 0x68 && u != 0x77 {  // not h or w: no URL starts here
                    i += 1
                    continue
                }
                if let end = urlEnd(units, i) {
                    for k in i..<end { taken[k] = true }
                    found.append(Match(range: i..<end, kind: .url))
                    i = end
                } else {
                    i += 1
                }
            }
        }
        if kinds.contains(.email) && hasAt {
            for at in 0..<units.count where units[at] == 0x40 && !taken[at] {
                guard let range = email(units, at), !range.contains(where: { taken[$0] }) else { continue }
                for k in range { taken[k] = true }
                found.append(Match(range: range, kind: .email))
            }
        }
        for kind in [ChatPattern.mention, .hashtag] where kinds.contains(kind) && (kind == .mention ? hasAt : hasHash) {
            let sigil: UInt16 = kind == .mention ? 0x40 : 0x23
            for at in 0..<units.count where units[at] == sigil && !taken[at] {
                if at > 0 && isWordUnit(units, at - 1) { continue }
                var end = at + 1
                var letters = 0
                while end < units.count && !taken[end] && isWordUnit(units, end) && (kind == .hashtag || units[end] < 0x80) {
                    if isLetterUnit(units, end) { letters += 1 }
                    end += 1
                }
                if end == at + 1 || (kind == .hashtag && letters == 0) { continue }
                for k in at..<end { taken[k] = true }
                found.append(Match(range: at..<end, kind: kind))
            }
        }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        return found
    }

    private static func urlEnd(_ units: UnsafeBufferPointer<UInt16>, _ at: Int) -> Int? {
        // Cheap ASCII tests first (`u | 0x20` is 'h' only for 'h' and 'H'): this runs at
        // every position of every text.
        let n = units.count
        @inline(__always) func lower(_ i: Int) -> UInt16 { units[i] | 0x20 }
        let start: Int
        switch lower(at) {
        case 0x68:  // h
            guard at + 7 <= n, lower(at + 1) == 0x74, lower(at + 2) == 0x74, lower(at + 3) == 0x70 else { return nil }
            if units[at + 4] == 0x3A && units[at + 5] == 0x2F && units[at + 6] == 0x2F {
                start = at + 7
            } else if at + 8 <= n && lower(at + 4) == 0x73 && units[at + 5] == 0x3A && units[at + 6] == 0x2F
                && units[at + 7] == 0x2F
            {
                start = at + 8
            } else {
                return nil
            }
        case 0x77:  // w
            guard at + 4 <= n, lower(at + 1) == 0x77, lower(at + 2) == 0x77, units[at + 3] == 0x2E else { return nil }
            start = at + 4
        default:
            return nil
        }
        if at > 0 && isWordUnit(units, at - 1) { return nil }
        var end = start
        while end < units.count {
            let u = units[end]
            if u <= 0x20 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x60 || u == 0x7F { break }
            if u >= 0x80 && isSpaceUnit(u) { break }
            end += 1
        }
        // Trailing punctuation belongs to the sentence, a closing bracket only if it opened here.
        while end > start {
            let u = units[end - 1]
            if [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27].contains(u) {
                end -= 1
                continue
            }
            if u == 0x29 || u == 0x5D {
                let open: UInt16 = u == 0x29 ? 0x28 : 0x5B
                var depth = 0
                for k in start..<end {
                    if units[k] == open { depth += 1 } else if units[k] == u { depth -= 1 }
                }
                if depth < 0 {
                    end -= 1
                    continue
                }
            }
            break
        }
        return end == start ? nil : end
    }

    private static func email(_ units: UnsafeBufferPointer<UInt16>, _ at: Int) -> Range<Int>? {
        var start = at
        while start > 0 {
            let u = units[start - 1]
            if isWordUnit(units, start - 1) || u == 0x2E || u == 0x25 || u == 0x2B || u == 0x2D { start -= 1 } else { break }
        }
        while start < at && (units[start] == 0x2E || units[start] == 0x2D) { start += 1 }
        if start == at { return nil }
        var end = at + 1
        var lastDot = -1
        while end < units.count {
            let u = units[end]
            if u == 0x2E {
                if end + 1 < units.count && (isWordUnit(units, end + 1) && units[end + 1] != 0x5F) { lastDot = end } else { break }
            } else if !(u == 0x2D || (isWordUnit(units, end) && u != 0x5F)) {
                break
            }
            end += 1
        }
        guard lastDot > at + 1 else { return nil }
        var tldLetters = 0
        for k in (lastDot + 1)..<end where isLetterUnit(units, k) { tldLetters += 1 }
        if tldLetters < 2 || end - lastDot - 1 != tldLetters { return nil }
        return start..<end
    }

    /// Letters, marks, digits and `_`: what continues a word, mention or hashtag.
    @inline(__always)
    static func isWordUnit(_ units: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
        let u = units[i]
        if u < 0x80 {
            return (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x5F
        }
        if u & 0xF800 == 0xD800 { return false }
        guard let s = Unicode.Scalar(u) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType == .decimal || s.properties.generalCategory == .nonspacingMark
    }

    @inline(__always)
    static func isLetterUnit(_ units: UnsafeBufferPointer<UInt16>, _ i: Int) -> Bool {
        let u = units[i]
        if u < 0x80 { return (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) }
        guard u & 0xF800 != 0xD800, let s = Unicode.Scalar(u) else { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always)
    static func isSpaceUnit(_ u: UInt16) -> Bool {
        guard let s = Unicode.Scalar(u) else { return false }
        return s.properties.isWhitespace
    }
}
