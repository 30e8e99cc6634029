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
    private let stopwordTable: StopwordTable
    private let slots: [String: EvidenceSlots]
    /// Per stop-word language, whether it is written in Cyrillic (its script share's numerator).
    private let stopwordCyrillic: [Bool]

    public init(
        stopwords: [String: Set<String>], profiles: TrigramProfiles, weights: Weights = Weights(),
        hints: [String] = [], cld2Only: Bool = false
    ) {
        self.stopwords = stopwords
        self.profiles = profiles
        self.weights = weights
        self.hints = hints.isEmpty ? nil : hints.joined(separator: ",")
        self.cld2Only = cld2Only
        stopwordTable = StopwordTable(stopwords)
        slots = EvidenceSlots.index(stopwords: stopwordTable, profiles: profiles)
        stopwordCyrillic = stopwordTable.languages.map { LanguageAlphabets.cyrillic.contains($0) }
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
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { identify(utf16: $0, workspace: LanguageWorkspace()) }
    }

    public func identify(utf16 text: UnsafeBufferPointer<UInt16>, workspace: LanguageWorkspace) -> LanguageGuess {
        if cld2Only {
            workspace.loadUTF8(text)
            let first = detector.detectSummary(workspace.utf8Buffer, contentHint: hints)
            let code = LanguageCode.fromCLD2(first.top[0].code)
            guard code != "und" else { return .undetermined }
            let candidates = first.top.filter { $0.code != "un" }.map {
                (language: LanguageCode.fromCLD2($0.code), score: Double($0.percent) / 100)
            }
            return LanguageGuess(language: code, score: Double(first.top[0].percent) / 100, candidates: candidates)
        }

        // The script tally alone settles texts without letters and Japanese: no CLD2 call.
        workspace.scan(text, stopwords: stopwordTable)
        let scripts = workspace.scripts
        guard scripts.letters > 0 else { return .undetermined }
        if scripts.kana > 0 && Double(scripts.kana) >= 0.05 * Double(scripts.han + scripts.kana) {
            return LanguageGuess(language: "ja", score: 1, candidates: [(language: "ja", score: 1)])
        }
        workspace.loadUTF8(text)
        let first = detector.detectSummary(workspace.utf8Buffer, contentHint: hints)
        var shares = LanguageShares()
        shares.collect(first)
        if scripts.han > 0 && Double(scripts.han) >= 0.5 * Double(scripts.letters) {
            let code = shares.percent("zh") > 0 ? shares.fullCode("zh") : "zh"
            return LanguageGuess(language: code, score: 1, candidates: [(language: code, score: 1)])
        }

        let stopLanguages = stopwordTable.languages
        let wordCount = Double(max(1, workspace.wordCount))
        let stopFraction = workspace.stopHits.map { Double($0) / wordCount }
        func stopFractionOf(_ language: String) -> Double {
            let slot = slots[language]?.stopwords ?? -1
            return slot >= 0 ? stopFraction[slot] : 0
        }
        var candidates = LanguageAlphabets.withRelatives(shares.languages)
        for (i, fraction) in stopFraction.enumerated() where fraction >= 0.3 { Self.insert(stopLanguages[i], into: &candidates) }

        // A second CLD2 opinion, hinted towards the stop words' favourite.
        let topBase = LanguageCode.base(LanguageCode.fromCLD2(first.top[0].code))
        var favourite = -1
        if stopFraction.contains(where: { $0 >= 0.15 }) {
            let latinShare = scripts.share(cyrillic: false), cyrillicShare = scripts.share(cyrillic: true)
            var best = 0.0
            for i in stopLanguages.indices {
                // The most script-weighted stop words; ties go to the code sorting first (the first seen).
                let weighted = stopFraction[i] * (stopwordCyrillic[i] ? cyrillicShare : latinShare)
                if favourite < 0 || weighted > best { favourite = i; best = weighted }
            }
        }
        if favourite >= 0, stopLanguages[favourite] != topBase, stopFraction[favourite] >= 0.15,
            stopFraction[favourite] > stopFractionOf(topBase) {
            let second = detector.detectSummary(workspace.utf8Buffer, contentHint: stopLanguages[favourite])
            var hinted = LanguageShares()
            hinted.collect(second)
            shares.average(with: hinted)
            candidates = LanguageAlphabets.withRelatives(candidates + hinted.languages)
        }
        guard !candidates.isEmpty else { return .undetermined }
        candidates.sort()

        // Trigram evidence only separates candidates when at least two have a profile.
        var columns: [Int] = []
        var columnOf = [Int](repeating: -1, count: candidates.count)
        let candidateSlots = candidates.map { slots[$0] ?? .none }
        for (i, slot) in candidateSlots.enumerated() where slot.profile >= 0 {
            columnOf[i] = columns.count
            columns.append(slot.profile)
        }
        var trigramMeans: [Double] = []
        var bestTrigram = 0.0
        if columns.count > 1 {
            workspace.collectTrigrams()
            workspace.trigramSums = Array(repeating: 0, count: columns.count)
            profiles.accumulate(workspace.grams[...], columns: columns, into: &workspace.trigramSums)
            let gramCount = Double(workspace.grams.count)
            trigramMeans = workspace.trigramSums.map { workspace.grams.isEmpty ? 0 : $0 / gramCount }
            bestTrigram = trigramMeans.max()!
        }

        let letterCount = Double(max(1, workspace.letterCount))
        var scored: [(language: String, score: Double)] = []
        scored.reserveCapacity(candidates.count)
        for (i, language) in candidates.enumerated() {
            let slot = candidateSlots[i]
            let impossible = slot.impossible >= 0 ? workspace.impossibleCounts[slot.impossible] : 0
            var score = weights.cld2 * shares.percent(language) / 100
            score += weights.stopwords * (slot.stopwords >= 0 ? stopFraction[slot.stopwords] : 0)
            score += weights.script * (scripts.share(cyrillic: slot.cyrillic) - 1)
            score -= weights.impossibleLetters * Double(impossible) / letterCount
            if columns.count > 1 && columnOf[i] >= 0 { score += weights.trigrams * (trigramMeans[columnOf[i]] - bestTrigram) }
            scored.append((language, score))
        }
        // Best first; ties go to the code that sorts first, so the answer never depends on hashing.
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.language < $1.language }
        let top = scored[0].score
        let weightsSum = scored.reduce(0.0) { $0 + exp(weights.sharpness * ($1.score - top)) }
        // Confidence: half how clearly the evidence prefers the language over the other
        // candidates, half the share of the text CLD2 gives it (so a mixed text scores lower
        // even when its main language is clear).
        let confidences = scored.prefix(3).map {
            let preference = exp(weights.sharpness * ($0.score - top)) / weightsSum
            return (language: shares.fullCode($0.language), score: (preference + min(1, shares.percent($0.language) / 100)) / 2)
        }
        return LanguageGuess(language: confidences[0].language, score: confidences[0].score, candidates: confidences)
    }

    private static func insert(_ language: String, into languages: inout [String]) {
        if !languages.contains(language) { languages.append(language) }
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
