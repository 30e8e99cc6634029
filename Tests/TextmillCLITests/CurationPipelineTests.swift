import Testing
import TextmillJSON
import TextmillTestSupport

/// The README's curation recipe end to end: one config (language filter, quality filter) and two
/// commands (`run`, then `dedup`) take raw JSONL to a clean corpus, and every input line ends up
/// in exactly one of four files: kept, rejected (with reasons), removed (with the document it
/// duplicates) or errors.
@Suite struct CurationPipelineTests {
    static let config = #"""
        {"version": 1, "name": "curate", "stages": [
          {"type": "language"}, {"type": "filter_language", "languages": ["en", "de"], "min_score": 0.65},
          {"type": "words"}, {"type": "quality_signals"}, {"type": "filter_quality"}],
         "output": {"fields": ["id", "language", "quality"]}}
        """#

    /// English and German documents (kept unless the quality filter drops them), Russian ones
    /// (dropped for their language) with exact and one-word-edited copies of long English documents
    /// among them, and a line that is not JSON.
    static func rawCorpus() throws -> (lines: [String], copies: [(copy: String, original: String)], russian: [String]) {
        func records(_ file: String) throws -> [JSONValue] { try Fixtures.lines(Fixtures.path(file)).map { try JSONValue.parse($0) } }
        let english = try records("corpora/en.jsonl"), german = try records("corpora/de.jsonl")
        let russian = Array(try records("corpora/ru.jsonl").prefix(60))
        var lines = (english + german + russian).map(\.jsonText)
        let long = english.filter { ($0["text"]?.stringValue ?? "").split(separator: " ").count >= 60 }
        var copies: [(String, String)] = []
        for (i, doc) in long.prefix(24).enumerated() {
            let id = doc["id"]?.stringValue ?? "", text = doc["text"]?.stringValue ?? ""
            var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if i % 2 == 1 { words[words.count / 2] = "zebra" }  // a near copy: one word changed
            let copy = "copy-\(i)"
            lines.insert(JSONValue.object([("id", .string(copy)), ("text", .string(words.joined(separator: " ")))]).jsonText, at: 600 + i * 2)
            copies.append((copy, id))
        }
        lines.insert("{not json", at: 7)
        return (lines, copies, russian.compactMap { $0["id"]?.stringValue })
    }

    @Test func everyInputDocumentIsKeptRejectedRemovedOrAnError() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let raw = try Self.rawCorpus()
        TextmillBinary.write(dir + "/raw.jsonl", Array((raw.lines.joined(separator: "\n") + "\n").utf8))
        TextmillBinary.write(dir + "/curate.json", Array(Self.config.utf8))

        let run = TextmillBinary.run([
            "run", dir + "/raw.jsonl", "--config", dir + "/curate.json", "--keep-fields", "text", "-o", dir + "/clean.jsonl",
            "--rejected", dir + "/rejected.jsonl", "--errors", dir + "/errors.jsonl", "--workers", "2",
        ])
        #expect(run.status == 1, "the line that is not JSON: \(run.stderr)")
        let dedup = TextmillBinary.run([
            "dedup", dir + "/clean.jsonl", "-o", dir + "/kept.jsonl", "--removed", dir + "/removed.jsonl", "--workers", "2",
        ])
        #expect(dedup.status == 0, "\(dedup.stderr)")

        func ids(_ file: String) throws -> [String] {
            try Fixtures.lines(dir + "/" + file).map { try JSONValue.parse($0)["id"]?.stringValue ?? "?" }
        }
        let kept = try ids("kept.jsonl"), rejected = try ids("rejected.jsonl"), removed = try ids("removed.jsonl")
        let errors = Fixtures.lines(dir + "/errors.jsonl")
        // The accounting: each input line is in exactly one file.
        #expect(kept.count + rejected.count + removed.count + errors.count == raw.lines.count)
        #expect(Set(kept + rejected + removed).count == kept.count + rejected.count + removed.count)
        #expect(errors.count == 1 && errors[0].contains("invalid_json"))
        #expect(!kept.isEmpty && !removed.isEmpty)
        #expect(dedup.stderr.contains("\(kept.count + removed.count) documents: \(kept.count) kept, \(removed.count) removed"), "\(dedup.stderr)")

        // Rejected for their language, with the reason and the language found.
        let rejectedRecords = try Fixtures.lines(dir + "/rejected.jsonl").map { try JSONValue.parse($0) }
        let byLanguage = rejectedRecords.filter { $0["rejected"]?["reasons"]?.arrayValue?.contains(.string("language")) == true }
        #expect(Set(byLanguage.compactMap { $0["id"]?.stringValue }) == Set(raw.russian))
        #expect(byLanguage.allSatisfy { !["en", "de"].contains($0["rejected"]?["values"]?["language"]?.stringValue ?? "en") })
        #expect(byLanguage.filter { $0["rejected"]?["values"]?["language"]?.stringValue == "ru" }.count >= 50)
        #expect(rejectedRecords.contains { $0["rejected"]?["reasons"]?.arrayValue?.contains(.string("gopher_short_doc")) == true })
        // Kept documents are English or German and carry their input text and quality signals.
        let keptRecords = try Fixtures.lines(dir + "/kept.jsonl").map { try JSONValue.parse($0) }
        #expect(keptRecords.allSatisfy { ["en", "de"].contains($0["language"]?.stringValue ?? "") && $0["text"] != nil && $0["quality"] != nil })
        // Each planted copy is removed as a duplicate of its original, or rejected as its original was.
        let removedRecords = try Fixtures.lines(dir + "/removed.jsonl").map { try JSONValue.parse($0) }
        var duplicateOf: [String: String] = [:]
        for r in removedRecords { duplicateOf[r["id"]?.stringValue ?? ""] = r["duplicate_of"]?.stringValue }
        let rejectedSet = Set(rejected)
        var removedCopies = 0
        for (copy, original) in raw.copies {
            if let of = duplicateOf[copy] {
                // Its original's cluster: the original itself, or the document the original duplicates.
                #expect(of == original || duplicateOf[original] == of, "\(copy) duplicates \(of), not \(original)")
                removedCopies += 1
            } else {
                #expect(rejectedSet.contains(copy) && rejectedSet.contains(original), "\(copy) is neither removed nor rejected with \(original)")
            }
        }
        #expect(removedCopies >= 8, "exact and near copies of long documents that pass the filters are removed")
        #expect(removedRecords.contains { $0["kind"]?.stringValue == "near" } && removedRecords.contains { $0["kind"]?.stringValue == "exact" })
    }
}
