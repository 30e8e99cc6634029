/// One worker's buffers for `LanguageIdentifier`, reused document after document (a stage
/// runner owns one): the text as UTF-8 for CLD2, and what one pass over its scalars gathers —
/// the script tally, the case-folded words, each stop-word language's hits and each alphabet's
/// impossible letters. Chat messages are short, so per-document allocation, bounds and
/// uniqueness checks, and Unicode property lookups would dominate: the buffers are raw and only
/// grow, and the two properties the scan needs are cached per BMP scalar.
public final class LanguageWorkspace {
    /// The text as UTF-8 (lone surrogates become U+FFFD, as `String(decoding:as:)` does).
    private(set) var utf8: UnsafeMutablePointer<UInt8>
    private(set) var utf8Count = 0
    var scripts = ScriptTally()
    /// Lower-case letters seen (a letter whose lower case is several scalars counts each).
    private(set) var letterCount = 0
    /// The words' scalars, one after another: lower-case letters and an apostrophe kept inside a word.
    private(set) var wordScalars: UnsafeMutablePointer<UInt32>
    /// Where each word ends in `wordScalars` (the next one starts there).
    private(set) var wordEnds: UnsafeMutablePointer<Int>
    private(set) var wordCount = 0
    /// Per `StopwordTable` language, how many words are in its list.
    private(set) var stopHits: [Int] = []
    /// Per `LanguageAlphabets.impossibleLanguages`, how many letters its alphabet lacks.
    private(set) var impossibleCounts: [Int] = []
    /// Trigram scratch: keys, and one running sum per language weighed.
    var grams: [UInt64] = []
    var trigramSums: [Double] = []
    /// How many UTF-16 units the buffers hold room for.
    private(set) var capacity = 0
    /// Past this many units (~23 bytes each), a much smaller document gives the memory back.
    static let largeCapacity = 1 << 20
    /// Per BMP scalar: 0 not looked up yet, else `known | letter | changesWhenLowercased`.
    private let scalarFlags: UnsafeMutablePointer<UInt8>
    private static let known: UInt8 = 1, letter: UInt8 = 2, changesWhenLowercased: UInt8 = 4

    public init() {
        scalarFlags = .allocate(capacity: 0x10000)
        scalarFlags.initialize(repeating: 0, count: 0x10000)
        utf8 = .allocate(capacity: 1)
        wordScalars = .allocate(capacity: 1)
        wordEnds = .allocate(capacity: 1)
        reserve(256)
    }

    deinit {
        scalarFlags.deallocate()
        utf8.deallocate()
        wordScalars.deallocate()
        wordEnds.deallocate()
    }

    /// Room for a text of `units` UTF-16 units: 3 UTF-8 bytes and 3 lower-case scalars per unit at
    /// most. After one huge document the buffers shrink again, so a worker does not keep them.
    private func reserve(_ units: Int) {
        if units > capacity {
            capacity = max(units, 2 * capacity)
        } else if capacity > Self.largeCapacity && units < capacity / 4 {
            capacity = max(units, 256)
        } else {
            return
        }
        utf8.deallocate()
        wordScalars.deallocate()
        wordEnds.deallocate()
        utf8 = .allocate(capacity: 3 * capacity)
        wordScalars = .allocate(capacity: 3 * capacity)
        wordEnds = .allocate(capacity: capacity + 1)
    }

    /// The UTF-8 text for CLD2.
    var utf8Buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8, count: utf8Count) }

    /// Transcodes `utf16` into `utf8`.
    func loadUTF8(_ utf16: UnsafeBufferPointer<UInt16>) {
        reserve(utf16.count)
        let out = utf8
        var n = 0
        var i = 0
        let count = utf16.count
        while i < count {
            var value = UInt32(utf16[i])
            i += 1
            if value < 0x80 {
                out[n] = UInt8(value)
                n += 1
                continue
            }
            if value & 0xF800 == 0xD800 {
                if value <= 0xDBFF && i < count && utf16[i] & 0xFC00 == 0xDC00 {
                    value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(utf16[i]) - 0xDC00)
                    i += 1
                } else {
                    value = 0xFFFD
                }
            }
            if value < 0x800 {
                out[n] = UInt8(0xC0 | value >> 6)
                out[n + 1] = UInt8(0x80 | value & 0x3F)
                n += 2
            } else if value < 0x10000 {
                out[n] = UInt8(0xE0 | value >> 12)
                out[n + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                out[n + 2] = UInt8(0x80 | value & 0x3F)
                n += 3
            } else {
                out[n] = UInt8(0xF0 | value >> 18)
                out[n + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                out[n + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                out[n + 3] = UInt8(0x80 | value & 0x3F)
                n += 4
            }
        }
        utf8Count = n
    }

    /// One pass over the scalars of `utf16`: letters (general category L*) tallied by script and
    /// case-folded into words (runs of letters; one apostrophe, `'` or `’`, between two letters
    /// stays in the word), each finished word looked up in `stopwords`.
    func scan(_ utf16: UnsafeBufferPointer<UInt16>, stopwords: StopwordTable) {
        reserve(utf16.count)
        if stopHits.count != stopwords.languages.count { stopHits = Array(repeating: 0, count: stopwords.languages.count) }
        if impossibleCounts.count != LanguageAlphabets.impossibleLanguages.count {
            impossibleCounts = Array(repeating: 0, count: LanguageAlphabets.impossibleLanguages.count)
        }
        var tally = ScriptTally()
        var letters = 0
        var words = 0
        var length = 0
        var wordStart = 0
        var pendingApostrophe: UInt32 = 0
        var joined = false
        let out = wordScalars
        let ends = wordEnds
        let flags = scalarFlags
        stopHits.withUnsafeMutableBufferPointer { hits in
            impossibleCounts.withUnsafeMutableBufferPointer { impossible in
                LanguageAlphabets.impossibleMask.withUnsafeBufferPointer { impossibleMask in
                    hits.update(repeating: 0)
                    impossible.update(repeating: 0)

                    @inline(__always) func endWord() {
                        if length > wordStart {
                            ends[words] = length
                            words += 1
                            var mask = stopwords.mask(of: UnsafeBufferPointer(start: out + wordStart, count: length - wordStart))
                            while mask != 0 {
                                hits[mask.trailingZeroBitCount] += 1
                                mask &= mask - 1
                            }
                            wordStart = length
                        }
                        pendingApostrophe = 0
                        joined = false
                    }
                    @inline(__always) func appendLetter(_ lower: UInt32) {
                        out[length] = lower
                        length += 1
                        letters += 1
                        if lower >= 0xC0 && lower < UInt32(impossibleMask.count) {
                            var mask = impossibleMask[Int(lower)]
                            while mask != 0 {
                                impossible[mask.trailingZeroBitCount] += 1
                                mask &= mask - 1
                            }
                        }
                    }

                    var i = 0
                    let count = utf16.count
                    while i < count {
                        var value = UInt32(utf16[i])
                        i += 1
                        let isLetter: Bool
                        var lowers = false
                        if value < 0x80 {
                            isLetter = (value | 0x20) &- 0x61 < 26
                        } else {
                            if value & 0xF800 == 0xD800 {
                                if value <= 0xDBFF && i < count && utf16[i] & 0xFC00 == 0xDC00 {
                                    value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(utf16[i]) - 0xDC00)
                                    i += 1
                                } else {
                                    value = 0xFFFD
                                }
                            }
                            let f: UInt8
                            if value < 0x10000 {
                                if flags[Int(value)] == 0 { flags[Int(value)] = Self.lookUp(value) }
                                f = flags[Int(value)]
                            } else {
                                f = Self.lookUp(value)
                            }
                            isLetter = f & Self.letter != 0
                            lowers = f & Self.changesWhenLowercased != 0
                        }
                        if isLetter {
                            // ASCII letters are Latin: no call into the tally's range switch.
                            if value < 0x80 { tally.latin += 1 } else { tally.addLetter(value) }
                            if pendingApostrophe != 0 {
                                out[length] = pendingApostrophe
                                length += 1
                                pendingApostrophe = 0
                                joined = true
                            }
                            if value < 0x80 {
                                appendLetter(value | 0x20)
                            } else if lowers {
                                for lower in Unicode.Scalar(value)!.properties.lowercaseMapping.unicodeScalars {
                                    appendLetter(lower.value)
                                }
                            } else {
                                appendLetter(value)
                            }
                        } else if (value == 0x27 || value == 0x2019) && length > wordStart && pendingApostrophe == 0 && !joined {
                            pendingApostrophe = value
                        } else {
                            endWord()
                        }
                    }
                    endWord()
                }
            }
        }
        scripts = tally
        letterCount = letters
        wordCount = words
    }

    /// The flags of a scalar that is not a surrogate.
    private static func lookUp(_ value: UInt32) -> UInt8 {
        let scalar = Unicode.Scalar(value)!
        guard ScriptTally.isLetter(scalar) else { return known }
        return known | letter | (scalar.properties.changesWhenLowercased ? changesWhenLowercased : 0)
    }

    /// The trigrams of every word padded with a space at both ends (what the profiles count).
    func collectTrigrams() {
        grams.removeAll(keepingCapacity: true)
        var start = 0
        for w in 0..<wordCount {
            let end = wordEnds[w]
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
}
