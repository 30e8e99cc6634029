#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Language identification that goes past one CLD2 call where CLD2 is known to stumble:
/// closely related languages (Bulgarian/Serbian/Macedonian/Russian, Spanish/Portuguese/
/// Galician/Catalan, Czech/Slovak), short texts it defaults to English, and Chinese verse.
///
/// 1. Kana decides Japanese, a Han majority Chinese (CLD2's `zh-Hant` kept as the script).
/// 2. Candidates: CLD2's top three, their relatives (`LanguageAlphabets.groups`), and any
///    language whose stop words make up ≥ 30 % of the words.
/// 3. If the stop words favour a language CLD2 did not put first, CLD2 runs again with it as
///    a hint, and the two runs' percentages are averaged.
/// 4. Each candidate scores `W_c·percent + W_s·stopFraction + W_sc·(scriptShare − 1)
///    − W_i·impossibleLetterFraction + W_n·(trigramLogProb − best)`; the best wins, and a
///    softmax over the scores, averaged with CLD2's share of the text, gives the confidences.
///
/// The weights were chosen on the labeled set of `scripts/langid/` (BENCHMARKS.md): the trigram
/// profiles come from a quarter of its sources that the set itself never uses.
public struct LanguageIdentifier: Sendable {
    public struct Weights: Sendable, Equatable {
        public var cld2 = 1.0, stopwords = 3.0, script = 2.0, impossibleLetters = 50.0, trigrams = 3.0
        /// The softmax temperature that turns scores into confidences.
        public var sharpness = 4.0
        public init() {}
    }

    public let stopwords: [String: Set<String>]
    public let profiles: TrigramProfiles
    public let weights: Weights
    /// Codes passed to CLD2 as `content_language_hint` on every call (e.g. `"bg,ru"`).
    public let hints: String?
    /// Only CLD2's answer, none of the other evidence (for comparison).
    public let cld2Only: Bool
    private let detector = CLD2Detector()

    public init(
        stopwords: [String: Set<String>], profiles: TrigramProfiles, weights: Weights = Weights(),
        hints: [String] = [], cld2Only: Bool = false
    ) {
        self.stopwords = stopwords
        self.profiles = profiles
        self.weights = weights
        self.hints = hints.isEmpty ? nil : hints.joined(separator: ",")
        self.cld2Only = cld2Only
    }

    /// Stop-word lists as the `stopwords` stage reads them: one word per line.
    public static func parseList(_ bytes: [UInt8]) -> Set<String> {
        var words = Set<String>()
        for line in bytes.split(separator: 0x0A) {
            let word = String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace()
            if !word.isEmpty && !word.hasPrefix("#") { words.insert(word) }
        }
        return words
    }

    public func identify(_ text: String) -> LanguageGuess {
        var utf8 = Array(text.utf8)
        let first = utf8.withUnsafeBufferPointer { detector.detect($0, contentHint: hints) }
        var percents: [String: Double] = [:]
        var fullCode: [String: String] = [:]
        collect(first, into: &percents, codes: &fullCode)
        if cld2Only {
            let code = LanguageCode.fromCLD2(first.top[0].code)
            guard code != "und" else { return .undetermined }
            let candidates = first.top.filter { $0.code != "un" }.map {
                (language: LanguageCode.fromCLD2($0.code), score: Double($0.percent) / 100)
            }
            return LanguageGuess(language: code, score: Double(first.top[0].percent) / 100, candidates: candidates)
        }

        var scripts = ScriptTally()
        var letters: [Unicode.Scalar] = []
        var words: [[Unicode.Scalar]] = []
        Self.scan(text, scripts: &scripts, letters: &letters, words: &words)
        guard scripts.letters > 0 else { return .undetermined }
        if scripts.kana > 0 && Double(scripts.kana) >= 0.05 * Double(scripts.han + scripts.kana) {
            return LanguageGuess(language: "ja", score: 1, candidates: [(language: "ja", score: 1)])
        }
        if scripts.han > 0 && Double(scripts.han) >= 0.5 * Double(scripts.letters) {
            let code = (percents["zh"] ?? 0) > 0 ? fullCode["zh"] ?? "zh" : "zh"
            return LanguageGuess(language: code, score: 1, candidates: [(language: code, score: 1)])
        }

        let wordStrings = words.map { String(String.UnicodeScalarView($0)) }
        var stopFraction: [String: Double] = [:]
        for (language, list) in stopwords {
            let hits = wordStrings.reduce(0) { $0 + (list.contains($1) ? 1 : 0) }
            stopFraction[language] = Double(hits) / Double(max(1, wordStrings.count))
        }
        var candidates = LanguageAlphabets.withRelatives(Set(percents.keys))
        for (language, fraction) in stopFraction where fraction >= 0.3 { candidates.insert(language) }

        // A second CLD2 opinion, hinted towards the stop words' favourite.
        let topBase = LanguageCode.base(LanguageCode.fromCLD2(first.top[0].code))
        if let favourite = stopFraction.max(by: { a, b in
            (a.value * scripts.share(for: a.key), b.key) < (b.value * scripts.share(for: b.key), a.key)
        }), favourite.key != topBase, favourite.value >= 0.15, favourite.value > stopFraction[topBase] ?? 0 {
            let second = utf8.withUnsafeBufferPointer { detector.detect($0, contentHint: favourite.key) }
            var hinted: [String: Double] = [:]
            collect(second, into: &hinted, codes: &fullCode)
            for language in Set(percents.keys).union(hinted.keys) {
                percents[language] = ((percents[language] ?? 0) + (hinted[language] ?? 0)) / 2
            }
            candidates = LanguageAlphabets.withRelatives(candidates.union(hinted.keys))
        }
        utf8 = []

        let grams = Self.trigrams(words)
        var trigramScore: [String: Double] = [:]
        for language in candidates where profiles.has(language) {
            trigramScore[language] = profiles.meanLogProbability(grams, language: language)
        }
        let bestTrigram = trigramScore.values.max() ?? 0
        let letterCount = Double(max(1, letters.count))
        var scored: [(language: String, score: Double)] = []
        for language in candidates.sorted() {
            var impossible = 0
            if let ruledOut = LanguageAlphabets.impossible[language] {
                for letter in letters where ruledOut.contains(letter) { impossible += 1 }
            }
            var score = weights.cld2 * (percents[language] ?? 0) / 100
            score += weights.stopwords * (stopFraction[language] ?? 0)
            score += weights.script * (scripts.share(for: language) - 1)
            score -= weights.impossibleLetters * Double(impossible) / letterCount
            if trigramScore.count > 1, let t = trigramScore[language] { score += weights.trigrams * (t - bestTrigram) }
            scored.append((language, score))
        }
        guard !scored.isEmpty else { return .undetermined }
        // Best first; ties go to the code that sorts first, so the answer never depends on hashing.
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.language < $1.language }
        let top = scored[0].score
        let weightsSum = scored.reduce(0.0) { $0 + exp(weights.sharpness * ($1.score - top)) }
        // Confidence: half how clearly the evidence prefers the language over the other
        // candidates, half the share of the text CLD2 gives it (so a mixed text scores lower
        // even when its main language is clear).
        let confidences = scored.prefix(3).map {
            let preference = exp(weights.sharpness * ($0.score - top)) / weightsSum
            return (language: fullCode[$0.language] ?? $0.language, score: (preference + min(1, (percents[$0.language] ?? 0) / 100)) / 2)
        }
        return LanguageGuess(language: confidences[0].language, score: confidences[0].score, candidates: confidences)
    }

    /// CLD2's percentages by base language (script variants summed), remembering the full code.
    private func collect(_ result: CLD2Result, into percents: inout [String: Double], codes: inout [String: String]) {
        for entry in result.top where entry.code != "un" {
            let code = LanguageCode.fromCLD2(entry.code)
            let base = LanguageCode.base(code)
            if (percents[base] ?? -1) < Double(entry.percent) { codes[base] = code }
            percents[base, default: 0] += Double(entry.percent)
        }
    }

    /// Letters (case-folded) and words: runs of letters, an apostrophe inside a word kept once.
    static func scan(
        _ text: String, scripts: inout ScriptTally, letters: inout [Unicode.Scalar], words: inout [[Unicode.Scalar]]
    ) {
        var word: [Unicode.Scalar] = []
        var pendingApostrophe: Unicode.Scalar?
        var joined = false
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word.removeAll(keepingCapacity: true)
            pendingApostrophe = nil
            joined = false
        }
        for scalar in text.unicodeScalars {
            if ScriptTally.isLetter(scalar) {
                scripts.add(scalar)
                if let apostrophe = pendingApostrophe {
                    word.append(apostrophe)
                    pendingApostrophe = nil
                    joined = true
                }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    word.append(lower)
                    letters.append(lower)
                }
            } else if (scalar == "'" || scalar == "\u{2019}") && !word.isEmpty && pendingApostrophe == nil && !joined {
                pendingApostrophe = scalar
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// Trigrams of each word padded with a space at both ends (what the profiles count).
    static func trigrams(_ words: [[Unicode.Scalar]]) -> [UInt64] {
        var out: [UInt64] = []
        var padded: [Unicode.Scalar] = []
        for word in words {
            padded.removeAll(keepingCapacity: true)
            padded.append(" ")
            padded.append(contentsOf: word)
            padded.append(" ")
            guard padded.count >= 3 else { continue }
            for i in 0..<(padded.count - 2) {
                out.append(TrigramProfiles.key(padded[i], padded[i + 1], padded[i + 2]))
            }
        }
        return out
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
