#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character trigram frequencies per language (`models/langid/trigrams.tsv`, made by
/// `scripts/langid/make-ngram-profiles.py`): how likely a text's trigrams are in each language.
/// Trigrams are taken inside case-folded words padded with a space at both ends.
public struct TrigramProfiles: Sendable {
    /// The profiled languages, sorted: the columns of `rows`.
    public let languages: [String]
    /// Per language (column), the log-probability of a trigram its profile does not keep: the
    /// same distance below its rarest kept trigram for every language.
    let floors: [Double]
    /// One row per trigram any profile keeps: the log-probability under each language, the
    /// language's floor where its profile lacks the trigram.
    private var rows: [Double] = []
    /// Open addressing from trigram key to row (`-1`: empty slot).
    private var slotKey: [UInt64]
    private var slotRow: [Int32]
    private let slotBits: Int

    /// Parses `language<TAB>trigram<TAB>count` lines (`#` comments allowed).
    public init(tsv: [UInt8]) throws(LanguageModelError) {
        var counts: [String: [UInt64: Int]] = [:]
        var lineNumber = 0
        for line in tsv.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == 3, let count = Int(String(decoding: fields[2], as: UTF8.self)), count > 0 else {
                throw LanguageModelError("trigram profile line \(lineNumber): expected language, trigram, count")
            }
            let gram = Array(String(decoding: fields[1], as: UTF8.self).unicodeScalars)
            guard gram.count == 3 else { throw LanguageModelError("trigram profile line \(lineNumber): not three characters") }
            counts[String(decoding: fields[0], as: UTF8.self), default: [:]][Self.key(gram[0], gram[1], gram[2])] = count
        }
        languages = counts.keys.sorted()
        var logProbability: [[UInt64: Double]] = []
        var floors: [Double] = []
        for language in languages {
            let grams = counts[language]!
            let total = Double(grams.values.reduce(0, +))
            logProbability.append(grams.mapValues { log(Double($0) / total) })
            // Unseen trigrams rank below the rarest kept one, the same for every language.
            floors.append(log(Double(grams.values.min() ?? 1) / total) - 1)
        }
        self.floors = floors
        let allGrams = Set(logProbability.flatMap(\.keys)).sorted()
        var bits = 4
        while 1 << bits < 2 * max(1, allGrams.count) { bits += 1 }
        slotBits = bits
        slotKey = Array(repeating: 0, count: 1 << bits)
        slotRow = Array(repeating: -1, count: 1 << bits)
        for (row, gram) in allGrams.enumerated() {
            var slot = Self.slot(gram, bits: bits)
            while slotRow[slot] >= 0 { slot = (slot + 1) & ((1 << bits) - 1) }
            slotKey[slot] = gram
            slotRow[slot] = Int32(row)
            for column in languages.indices { rows.append(logProbability[column][gram] ?? floors[column]) }
        }
    }

    public func has(_ language: String) -> Bool { column(of: language) != nil }

    /// The column of `language` in the rows, nil when it has no profile.
    func column(of language: String) -> Int? { languages.firstIndex(of: language) }

    /// Mean log-probability of `grams` under `language`'s profile.
    func meanLogProbability(_ grams: [UInt64], language: String) -> Double? {
        guard let column = column(of: language) else { return nil }
        var sums = [0.0]
        accumulate(grams[...], columns: [column], into: &sums)
        return grams.isEmpty ? 0 : sums[0] / Double(grams.count)
    }

    /// Adds each gram's log-probability under `columns[i]` to `sums[i]`, gram after gram (one
    /// table lookup per gram, whatever the number of languages).
    func accumulate(_ grams: ArraySlice<UInt64>, columns: [Int], into sums: inout [Double]) {
        let width = languages.count
        let modulo = (1 << slotBits) - 1
        for gram in grams {
            var slot = Self.slot(gram, bits: slotBits)
            var row = -1
            while slotRow[slot] >= 0 {
                if slotKey[slot] == gram { row = Int(slotRow[slot]); break }
                slot = (slot + 1) & modulo
            }
            if row < 0 {
                for (i, column) in columns.enumerated() { sums[i] += floors[column] }
            } else {
                for (i, column) in columns.enumerated() { sums[i] += rows[row * width + column] }
            }
        }
    }

    @inline(__always)
    private static func slot(_ gram: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: (gram &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    /// Three scalars packed into one integer (21 bits each).
    @inline(__always)
    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        key(a.value, b.value, c.value)
    }

    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }
}
