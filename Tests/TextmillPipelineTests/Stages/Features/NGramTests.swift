import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// Word and character n-grams with scikit-learn's semantics.
@Suite struct NGramTests {
    func terms(_ stage: any PipelineStage, _ words: [String]) throws -> [String] {
        let analysis = FeatureTesting.analysis(words: words)
        try FeatureTesting.run(stage, on: analysis)
        return analysis.terms.strings
    }

    @Test func wordNGramsAreShortestFirstJoinedBySpace() throws {
        #expect(try terms(WordNGrams(range: 1...2), ["a", "b", "c"]) == ["a", "b", "c", "a b", "b c"])
        #expect(try terms(WordNGrams(range: 2...3), ["a", "b", "c"]) == ["a b", "b c", "a b c"])
        #expect(try terms(WordNGrams(range: 1...3), ["só"]) == ["só"])
        #expect(try terms(WordNGrams(range: 2...2), ["x"]) == [])
        #expect(try terms(WordNGrams(range: 1...2), []) == [])
    }

    /// The fixture's feature lists are words followed by their bigrams: rebuilding them from the
    /// words alone must give the same list for every sample document.
    @Test func wordBigramsEqualTheParityFeatureLists() throws {
        let lines = try FeatureTesting.parity("hashing.jsonl").filter {
            $0["config"]?["n_features"]?.intValue == 16 && ($0["id"]?.intValue ?? 0) < 10000
        }
        #expect(lines.count == 211)
        for line in lines {
            let features = line["features"]!.strings
            let k = (features.count + 1) / 2
            #expect(try terms(WordNGrams(range: 1...2), Array(features.prefix(k))) == features, "id \(line["id"]!.jsonText)")
        }
    }

    @Test func charNGramsPadEachTokenWithSpaces() throws {
        // sklearn: CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)) on "ab cde"
        #expect(try terms(CharNGrams(range: 2...3), ["ab", "cde"]) == [
            " a", "ab", "b ", " ab", "ab ",
            " c", "cd", "de", "e ", " cd", "cde", "de ",
        ])
        // A padded word shorter than n is emitted once, whole, and ends the loop for that word.
        #expect(try terms(CharNGrams(range: 3...5), ["a"]) == [" a "])
        #expect(try terms(CharNGrams(range: 1...1), ["é"]) == [" ", "é", " "])
        // Scalars, not UTF-16 units: an astral character is one character.
        #expect(try terms(CharNGrams(range: 2...2), ["😀x"]) == [" 😀", "😀x", "x "])
    }

    @Test func charNGramsAppendAfterWordNGrams() throws {
        let analysis = FeatureTesting.analysis(words: ["hi", "yo"])
        try FeatureTesting.run(WordNGrams(range: 1...1), on: analysis)
        try FeatureTesting.run(CharNGrams(range: 4...4), on: analysis)
        #expect(analysis.terms.strings == ["hi", "yo", " hi ", " yo "])
    }
}
