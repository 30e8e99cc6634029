#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character trigram frequencies per language (`models/langid/trigrams.tsv`, made by
/// `scripts/langid/make-ngram-profiles.py`): how likely a text's trigrams are in each language.
/// Trigrams are taken inside case-folded words padded with a space at both ends.
public struct TrigramProfiles: Sendable {
    /// Per language: log-probability of each kept trigram, and the floor for the others.
    private var logProbability: [String: [UInt64: Double]] = [:]
    private var floor: [String: Double] = [:]

    public var languages: [String] { logProbability.keys.sorted() }

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
        for (language, grams) in counts {
            let total = Double(grams.values.reduce(0, +))
            logProbability[language] = grams.mapValues { log(Double($0) / total) }
            // Unseen trigrams rank below the rarest kept one, the same for every language.
            floor[language] = log(Double(grams.values.min() ?? 1) / total) - 1
        }
    }

    public func has(_ language: String) -> Bool { logProbability[language] != nil }

    /// Mean log-probability of `grams` under `language`'s profile.
    func meanLogProbability(_ grams: [UInt64], language: String) -> Double? {
        guard let table = logProbability[language], let floor = floor[language] else { return nil }
        guard !grams.isEmpty else { return 0 }
        var sum = 0.0
        for gram in grams { sum += table[gram] ?? floor }
        return sum / Double(grams.count)
    }

    /// Three scalars packed into one integer (21 bits each).
    @inline(__always)
    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)
    }
}
