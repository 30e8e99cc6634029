/// Every stop word of every evidence language in one open-addressing table: a word (its
/// scalars, as `LanguageIdentifier` collects them) to the set of languages listing it, so a
/// document's words are looked up once each instead of once per language, without a `String`.
///
/// Words compare scalar by scalar; the lists are NFC (a test checks), and a text's words are
/// runs of letters, so this equals the canonical-equivalence comparison of `Set<String>`.
struct StopwordTable: Sendable {
    /// The languages, sorted; bit `i` of a mask is `languages[i]`.
    let languages: [String]
    private var slotStart: [Int32]
    private var slotLength: [Int32]
    private var slotMask: [UInt32]
    private var scalars: [UInt32] = []
    private let slotBits: Int

    init(_ lists: [String: Set<String>]) {
        languages = lists.keys.sorted()
        precondition(languages.count <= 32, "at most 32 stop-word languages")
        var bits = 4
        while 1 << bits < 2 * max(1, lists.values.reduce(0) { $0 + $1.count }) { bits += 1 }
        slotBits = bits
        slotStart = Array(repeating: -1, count: 1 << bits)
        slotLength = Array(repeating: 0, count: 1 << bits)
        slotMask = Array(repeating: 0, count: 1 << bits)
        for (i, language) in languages.enumerated() {
            for word in lists[language]! {
                let letters = word.unicodeScalars.map(\.value)
                letters.withUnsafeBufferPointer { letters in
                    let slot = self.slot(of: letters)
                    if slotStart[slot] < 0 {
                        slotStart[slot] = Int32(scalars.count)
                        slotLength[slot] = Int32(letters.count)
                        scalars.append(contentsOf: letters)
                    }
                    slotMask[slot] |= 1 << UInt32(i)
                }
            }
        }
    }

    /// The languages listing `word` (bit `i` for `languages[i]`), 0 for none.
    func mask(of word: UnsafeBufferPointer<UInt32>) -> UInt32 {
        slotMask[slot(of: word)]
    }

    /// The slot holding `word`, or the empty slot where it would go (its mask is 0). Raw
    /// buffers: this runs once per word of every document (a generic slice comparison cost
    /// more than the probe).
    private func slot(of word: UnsafeBufferPointer<UInt32>) -> Int {
        let modulo = (1 << slotBits) - 1
        var slot = Self.hash(word) & modulo
        let count = word.count
        return slotStart.withUnsafeBufferPointer { starts in
            slotLength.withUnsafeBufferPointer { lengths in
                scalars.withUnsafeBufferPointer { scalars in
                    while true {
                        let start = Int(starts[slot])
                        if start < 0 { return slot }
                        if Int(lengths[slot]) == count {
                            var k = 0
                            while k < count && scalars[start + k] == word[k] { k += 1 }
                            if k == count { return slot }
                        }
                        slot = (slot + 1) & modulo
                    }
                }
            }
        }
    }

    /// FNV-1a over the scalar values.
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt32>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in word { h = (h ^ UInt64(value)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
