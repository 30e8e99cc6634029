/// One worker's buffers for `LanguageIdentifier`, reused document after document (a stage
/// runner owns one): the text as UTF-8 for CLD2, and what one pass over its scalars gathers —
/// the script tally, the case-folded words, each stop-word language's hits and each alphabet's
/// impossible letters. Chat messages are short, so per-document allocation would dominate.
public final class LanguageWorkspace {
    /// The text as UTF-8 (lone surrogates become U+FFFD, as `String(decoding:as:)` does).
    var utf8: [UInt8] = []
    var scripts = ScriptTally()
    /// Lower-case letters seen (a letter whose lower case is several scalars counts each).
    var letterCount = 0
    /// The words' scalars, one after another: lower-case letters and an apostrophe kept inside a word.
    var wordScalars: [UInt32] = []
    /// Where each word ends in `wordScalars` (the next one starts there).
    var wordEnds: [Int] = []
    /// Per `StopwordTable` language, how many words are in its list.
    var stopHits: [Int] = []
    /// Per `LanguageAlphabets.impossibleLanguages`, how many letters its alphabet lacks.
    var impossibleCounts: [Int] = []
    /// Trigram scratch: keys, and one running sum per language weighed.
    var grams: [UInt64] = []
    var trigramSums: [Double] = []

    public init() {}

    /// Transcodes `utf16` into `utf8`.
    func loadUTF8(_ utf16: UnsafeBufferPointer<UInt16>) {
        utf8.removeAll(keepingCapacity: true)
        utf8.reserveCapacity(utf16.count * 3)
        Self.forEachScalar(utf16) { value in
            switch value {
            case ..<0x80:
                utf8.append(UInt8(value))
            case ..<0x800:
                utf8.append(UInt8(0xC0 | value >> 6))
                utf8.append(UInt8(0x80 | value & 0x3F))
            case ..<0x10000:
                utf8.append(UInt8(0xE0 | value >> 12))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            default:
                utf8.append(UInt8(0xF0 | value >> 18))
                utf8.append(UInt8(0x80 | value >> 12 & 0x3F))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            }
        }
    }

    /// One pass over the scalars of `utf16`: letters (general category L*) tallied by script and
    /// case-folded into words (runs of letters; one apostrophe, `'` or `’`, between two letters
    /// stays in the word), each finished word looked up in `stopwords`.
    func scan(_ utf16: UnsafeBufferPointer<UInt16>, stopwords: StopwordTable) {
        scripts = ScriptTally()
        letterCount = 0
        wordScalars.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        stopHits = Array(repeating: 0, count: stopwords.languages.count)
        impossibleCounts = Array(repeating: 0, count: LanguageAlphabets.impossibleLanguages.count)
        let impossibleMask = LanguageAlphabets.impossibleMask
        var wordStart = 0
        var pendingApostrophe: UInt32 = 0
        var joined = false

        func endWord() {
            if wordScalars.count > wordStart {
                wordEnds.append(wordScalars.count)
                var mask = stopwords.mask(of: wordScalars[wordStart...])
                while mask != 0 {
                    stopHits[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
                wordStart = wordScalars.count
            }
            pendingApostrophe = 0
            joined = false
        }
        func appendLetter(_ lower: UInt32) {
            wordScalars.append(lower)
            letterCount += 1
            if lower >= 0xC0 && lower < UInt32(impossibleMask.count) {
                var mask = impossibleMask[Int(lower)]
                while mask != 0 {
                    impossibleCounts[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
            }
        }

        Self.forEachScalar(utf16) { value in
            let isLetter: Bool
            if value < 0x80 {
                isLetter = (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
            } else {
                isLetter = ScriptTally.isLetter(Unicode.Scalar(value)!)
            }
            if isLetter {
                scripts.addLetter(value)
                if pendingApostrophe != 0 {
                    wordScalars.append(pendingApostrophe)
                    pendingApostrophe = 0
                    joined = true
                }
                if value < 0x80 {
                    appendLetter(value | 0x20)
                } else {
                    let scalar = Unicode.Scalar(value)!
                    if scalar.properties.changesWhenLowercased {
                        for lower in scalar.properties.lowercaseMapping.unicodeScalars { appendLetter(lower.value) }
                    } else {
                        appendLetter(value)
                    }
                }
            } else if (value == 0x27 || value == 0x2019) && wordScalars.count > wordStart && pendingApostrophe == 0 && !joined {
                pendingApostrophe = value
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// The trigrams of every word padded with a space at both ends (what the profiles count).
    func collectTrigrams() {
        grams.removeAll(keepingCapacity: true)
        var start = 0
        for end in wordEnds {
            var a: UInt32 = 0x20
            var b = wordScalars[start]
            for i in (start + 1)..<(end + 1) {
                let c = i < end ? wordScalars[i] : 0x20
                grams.append(TrigramProfiles.key(a, b, c))
                a = b
                b = c
            }
            start = end
        }
    }

    /// Calls `body` with each scalar value of `utf16`; a lone surrogate is U+FFFD.
    @inline(__always)
    static func forEachScalar(_ utf16: UnsafeBufferPointer<UInt16>, _ body: (UInt32) -> Void) {
        var i = 0
        let n = utf16.count
        while i < n {
            let unit = UInt32(utf16[i])
            i += 1
            if unit & 0xF800 != 0xD800 {
                body(unit)
            } else if unit <= 0xDBFF && i < n && utf16[i] & 0xFC00 == 0xDC00 {
                body(0x10000 + ((unit - 0xD800) << 10) + (UInt32(utf16[i]) - 0xDC00))
                i += 1
            } else {
                body(0xFFFD)
            }
        }
    }
}
