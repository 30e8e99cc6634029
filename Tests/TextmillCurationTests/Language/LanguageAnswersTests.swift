import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// The `language` stage's whole answer (language, score, candidates with scores) on the hard-pair
/// fixture, a sample of the bench corpus (en, de, ru, it, zh, ja, th) and edge cases, against
/// `Tests/Fixtures/langid/answers.jsonl`: the answers of the implementation before the per-worker
/// buffers and single-lookup tables (commit 81a4b01), which must not change them.
@Suite struct LanguageAnswersTests {
    @Test func answersAreUnchanged() throws {
        let processor = try makeProcessor(stages: #"{"type": "language"}"#, fields: ["language", "language_score", "languages"])
        var expected: [String: JSONValue] = [:]
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/langid/answers.jsonl")) {
            let answer = try JSONValue.parse(Array(line.utf8))
            expected[try #require(answer["id"]?.stringValue)] = answer
        }
        var compared = 0
        for file in ["hard-pairs.jsonl", "more-texts.jsonl"] {
            // One processor for every document: its reused buffers must not carry anything over.
            for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/langid/" + file)) {
                let doc = try JSONValue.parse(Array(line.utf8))
                let id = try #require(doc["id"]?.stringValue)
                let want = try #require(expected[id], "no answer for \(id)")
                let got = try record(processor, try #require(doc["text"]?.stringValue))
                #expect(got["language"] == want["language"], "\(id)")
                #expect(got["language_score"]?.doubleValue == want["language_score"]?.doubleValue, "\(id)")
                let gotCandidates = got["languages"]?.objectValue?.map { "\($0.key)=\($0.value.doubleValue ?? -1)" }
                let wantCandidates = want["languages"]?.objectValue?.map { "\($0.key)=\($0.value.doubleValue ?? -1)" }
                #expect(gotCandidates == wantCandidates, "\(id)")
                compared += 1
            }
        }
        #expect(compared == expected.count)
    }
}
