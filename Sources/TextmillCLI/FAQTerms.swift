import TextmillConfig
import TextmillPipeline

/// Turns a message's tokens into the content words FAQ matching compares: lowercased, stop
/// words of every shipped language dropped (a shared "i" or "my" says nothing about two
/// questions, and messages come in any language), and English plural and tense endings
/// folded so "offsets" meets "offset" and "counted" meets "count".
///
/// Numbers stay even where a list names them (the Spanish and Chinese lists hold digits):
/// "exit code 1" and "exit code 2" are different questions.
struct FAQTerms {
    private let stopwords: StopwordFilter

    /// `lists`: newline-separated stopword lists, as the `stopwords` stage reads them.
    init(stopwordLists lists: [[UInt8]]) {
        stopwords = StopwordFilter(lists: lists)
    }

    /// Every list in `models/stopwords/` (found as presets are), or none when there is no models folder.
    static func shipped() -> FAQTerms {
        guard let catalog = PresetCatalog.locate() else { return FAQTerms(stopwordLists: []) }
        let lists = StopwordLists.languages(near: catalog.directory, models: catalog.directory).compactMap { language -> [UInt8]? in
            guard let found = StopwordLists.find(language, near: catalog.directory, models: catalog.directory) else { return nil }
            return try? FileBytes.read(found.path)
        }
        return FAQTerms(stopwordLists: lists)
    }

    func terms(_ tokens: [String]) -> [String] {
        tokens.compactMap { token in
            let word = token.lowercased()
            let isNumber = !word.isEmpty && word.allSatisfy(\.isNumber)
            if !isNumber && stopwords.words.find(Array(word.utf8)) != nil { return nil }
            let folded = Self.fold(word)
            return folded.isEmpty ? nil : folded
        }
    }

    /// A light English suffix folding (not a full stemmer): possessive, -ing, -ed, -es after
    /// s/x/z, plural -s; short words are left alone so "is" or "bus" survive.
    static func fold(_ word: String) -> String {
        var w = Substring(word)
        if w.hasSuffix("'s") || w.hasSuffix("\u{2019}s") { w = w.dropLast(2) }
        if w.count > 4 && w.hasSuffix("ing") { return String(w.dropLast(3)) }
        if w.count > 4 && w.hasSuffix("ed") { return String(w.dropLast(2)) }
        if w.count > 3 && w.hasSuffix("es"), let before = w.dropLast(2).last, "sxz".contains(before) {
            return String(w.dropLast(2))
        }
        if w.count > 3 && w.hasSuffix("s") && !w.hasSuffix("ss") { return String(w.dropLast()) }
        return String(w)
    }
}
