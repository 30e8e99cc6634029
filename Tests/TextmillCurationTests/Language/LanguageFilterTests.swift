import Testing
import TextmillJSON

/// `filter_language` rejects with reasons and values instead of dropping silently.
@Suite struct LanguageFilterTests {
    @Test func keptDocumentIsANormalRecord() throws {
        let p = try makeProcessor(
            stages: #"{"type": "language"}, {"type": "filter_language", "languages": ["de", "zh"], "min_score": 0.5}"#,
            fields: ["id", "language"])
        #expect(try record(p, "Die Datei kann nicht geöffnet werden, weil auf der Festplatte kein Platz mehr ist.")["language"]?.stringValue == "de")
        // `zh` keeps Chinese in either script.
        #expect(try record(p, "床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。")["rejected"] == nil)
    }

    @Test func rejectedDocumentCarriesReasonsAndValues() throws {
        let p = try makeProcessor(
            stages: #"{"type": "language"}, {"type": "filter_language", "languages": ["de"]}"#, fields: ["id", "language"])
        let rec = try record(p, "The file cannot be opened because there is no space left on the disk.")
        let rejected = try #require(rec["rejected"])
        #expect(rec["id"]?.intValue == 1)
        #expect(rec["language"] == nil)
        #expect(rejected["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["language"])
        #expect(rejected["values"]?["language"]?.stringValue == "en")
        #expect(rejected["values"]?["language_score"]?.doubleValue != nil)
        #expect(rejected["file"]?.stringValue == "<request>")
    }

    @Test func lowScoreIsItsOwnReason() throws {
        let text = "Bonjour à tous. Guten Tag allerseits. Buongiorno a tutti."
        let scorer = try makeProcessor(stages: #"{"type": "language"}"#, fields: ["language_score"])
        let score = try #require(try record(scorer, text)["language_score"]?.doubleValue)
        #expect(score < 1)
        let p = try makeProcessor(
            stages: #"{"type": "language"}, {"type": "filter_language", "min_score": "# + "\(score + 0.0001)}", fields: ["id"])
        let rec = try record(p, text)
        #expect(rec["rejected"]?["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["language_score"])
        #expect(rec["rejected"]?["values"]?["language_score"]?.doubleValue == score)
    }
}
