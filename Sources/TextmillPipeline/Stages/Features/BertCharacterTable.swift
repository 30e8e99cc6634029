import Synchronization
import TextmillUnicode

/// HuggingFace's `BertNormalizer` (clean text, isolate CJK ideographs, strip accents, lowercase)
/// and the punctuation test of `BertPreTokenizer`, precomputed per character.
///
/// Every step of BERT's normalizer maps one character to characters without looking at its
/// neighbours, so the whole normalizer is a table: for each BMP character, what it becomes
/// (nothing, a word separator, or a few characters, each flagged when the pre-tokenizer
/// isolates it). Astral characters are computed on demand. The hot loop then does one table
/// read per UTF-16 unit, with no ICU call and no `String`.
///
/// Character data comes from the Swift standard library's Unicode tables (general category,
/// White_Space, full lowercase mapping, as Rust's `char` methods that HF uses) and ICU's NFD.
public final class BertCharacterTable: Sendable {
    /// Output character flag: the pre-tokenizer makes this character a word of its own
    /// (punctuation, or a CJK ideograph under handle_chinese_chars).
    public static let isolated: UInt32 = 1 << 31
    public static let scalarMask: UInt32 = 0x1F_FFFF

    public let lowercase: Bool
    public let stripAccents: Bool
    /// Per BMP unit: true when the character separates words (white space).
    private let separator: [Bool]
    /// Per BMP unit `u`, its output is `mapped[mapStart[u]..<mapStart[u + 1]]`.
    private let mapStart: [Int32]
    private let mapped: [UInt32]
    private let nfd: UnicodeNormalizer

    private static let cache = Mutex<[Int: BertCharacterTable]>([:])

    /// The shared table for these options (built once per process: about 65k lookups).
    public static func shared(lowercase: Bool, stripAccents: Bool) throws -> BertCharacterTable {
        let key = (lowercase ? 1 : 0) | (stripAccents ? 2 : 0)
        if let table = cache.withLock({ $0[key] }) { return table }
        let table = try BertCharacterTable(lowercase: lowercase, stripAccents: stripAccents)
        cache.withLock { $0[key] = table }
        return table
    }

    private init(lowercase: Bool, stripAccents: Bool) throws {
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        nfd = try UnicodeNormalizer(.nfd)
        var separator = [Bool](repeating: false, count: 0x10000)
        var mapStart: [Int32] = []
        var mapped: [UInt32] = []
        mapStart.reserveCapacity(0x10001)
        mapped.reserveCapacity(0x10400)
        for u in 0..<UInt32(0x10000) {
            mapStart.append(Int32(mapped.count))
            let (isSeparator, chars) = Self.entry(u, lowercase: lowercase, stripAccents: stripAccents, nfd: nfd)
            separator[Int(u)] = isSeparator
            mapped.append(contentsOf: chars)
        }
        mapStart.append(Int32(mapped.count))
        self.separator = separator
        self.mapStart = mapStart
        self.mapped = mapped
    }

    /// Calls `body` with each output character of `scalar` (flags included); returns false
    /// when the character separates words instead. Astral characters are computed once per
    /// `astralCache` (a runner's), since computing one takes an ICU call and allocations.
    @inline(__always)
    public func map(_ scalar: UInt32, astralCache: inout [UInt32: (Bool, [UInt32])], _ body: (UInt32) -> Void) -> Bool {
        if scalar < 0x10000 {
            let u = Int(scalar)
            if separator[u] { return false }
            var k = Int(mapStart[u])
            let end = Int(mapStart[u + 1])
            while k < end {
                body(mapped[k])
                k += 1
            }
            return true
        }
        let isSeparator: Bool, chars: [UInt32]
        if let cached = astralCache[scalar] {
            (isSeparator, chars) = cached
        } else {
            (isSeparator, chars) = Self.entry(scalar, lowercase: lowercase, stripAccents: stripAccents, nfd: nfd)
            if astralCache.count < 4096 { astralCache[scalar] = (isSeparator, chars) }
        }
        if isSeparator { return false }
        for c in chars { body(c) }
        return true
    }

    /// What BERT's normalizer makes of one character: (separator?, output characters).
    static func entry(_ c: UInt32, lowercase: Bool, stripAccents: Bool, nfd: UnicodeNormalizer) -> (Bool, [UInt32]) {
        // clean_text: NUL, U+FFFD and controls go (tab, LF, CR are white space), white space
        // becomes a separator. The control test comes first, so U+0085 is deleted.
        // CJK ideographs (most of the BMP): no decomposition, no case, isolated.
        if (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) { return (false, [c | isolated]) }
        // Hangul syllables decompose algorithmically (NFD), into jamo that have no case.
        if stripAccents && (0xAC00...0xD7A3).contains(c) {
            let s = c - 0xAC00
            var jamo: [UInt32] = [0x1100 + s / 588, 0x1161 + (s % 588) / 28]
            if s % 28 != 0 { jamo.append(0x11A7 + s % 28) }
            return (false, jamo)
        }
        if c == 0 || c == 0xFFFD { return (false, []) }
        if c == 0x09 || c == 0x0A || c == 0x0D { return (true, []) }
        guard let s = Unicode.Scalar(c) else { return (false, []) }  // a lone surrogate
        switch s.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate: return (false, [])
        default: break
        }
        if s.properties.isWhitespace { return (true, []) }
        let chinese = isChineseCharacter(c)
        var chars: [UInt32] = [c]
        if stripAccents && c >= 0x80 {
            var units: [UInt16] = Array(String(s).utf16)
            var out: [UInt16] = []
            units.withUnsafeMutableBufferPointer { try? nfd.normalize(UnsafeBufferPointer($0), appendingTo: &out) }
            chars = String(decoding: out, as: UTF16.self).unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }.map(\.value)
            units.removeAll()
        }
        if lowercase {
            chars = chars.flatMap { ch -> [UInt32] in
                guard let scalar = Unicode.Scalar(ch) else { return [ch] }
                if ch < 0x80 { return [ch >= 0x41 && ch <= 0x5A ? ch + 0x20 : ch] }
                if !scalar.properties.changesWhenLowercased { return [ch] }
                return scalar.properties.lowercaseMapping.unicodeScalars.map(\.value)
            }
        }
        return (false, chars.map { chinese || isPunctuation($0) ? $0 | isolated : $0 })
    }

    /// BERT's punctuation: every ASCII non-alphanumeric printable character, and Unicode P*.
    static func isPunctuation(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
        }
        guard let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// The CJK ideograph blocks BERT isolates (`_is_chinese_char`); kana, Hangul, Thai are not.
    static func isChineseCharacter(_ c: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) || (0x20000...0x2A6DF).contains(c)
            || (0x2A700...0x2B73F).contains(c) || (0x2B740...0x2B81F).contains(c) || (0x2B820...0x2CEAF).contains(c)
            || (0xF900...0xFAFF).contains(c) || (0x2F800...0x2FA1F).contains(c)
    }
}
