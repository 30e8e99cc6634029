import Testing
import TextmillJSON
import TextmillTestSupport

/// `textmill vocab build` / `merge` and `run --vocab`, through the built binary.
@Suite struct VocabCommandTests {
    let en = Fixtures.path("corpora/en.jsonl"), de = Fixtures.path("corpora/de.jsonl")

    @Test func mergeOfPartialBuildsEqualsOneBuild() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let one = TextmillBinary.run(["vocab", "build", en, de, "-o", dir + "/all.tsv", "--preset", "hashing"])
        #expect(one.status == 0, "\(one.stderr)")
        // Partial builds with a tiny memory limit (spilled runs), merged with spilling too.
        for (name, input) in [("a", en), ("b", de)] {
            let r = TextmillBinary.run(["vocab", "build", input, "-o", "\(dir)/\(name).tsv", "--preset", "hashing",
                                        "--memory-terms", "500", "--chunk-docs", "40", "--spill-directory", dir])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("spilled runs") && !r.stderr.contains(" 0 spilled runs"))
        }
        let merged = TextmillBinary.run(["vocab", "merge", dir + "/a.tsv", dir + "/b.tsv", "-o", dir + "/merged.tsv",
                                         "--memory-terms", "700", "--spill-directory", dir])
        #expect(merged.status == 0, "\(merged.stderr)")
        let all = Fixtures.read(dir + "/all.tsv")
        #expect(Fixtures.read(dir + "/merged.tsv") == all)
        let header = Fixtures.lines(dir + "/all.tsv")[0]
        #expect(header.hasPrefix("#textmill-vocab v1 docs=600 fingerprint="))
        #expect(Fixtures.lines(dir + "/all.tsv").count > 1000)
        // Pruning is recorded in the header and applied after counting.
        let top = TextmillBinary.run(["vocab", "build", en, de, "-o", "-", "--preset", "hashing", "--max-size", "5", "--quiet"])
        #expect(top.stdoutLines.count == 6 && top.stdoutLines[0].hasSuffix(" max_size=5"))
        #expect(top.stdoutLines[1...] == Fixtures.lines(dir + "/all.tsv")[1...5])
    }

    @Test func failedDocumentsAreReportedAndNotCounted() throws {
        let input = "{\"id\": 1, \"text\": \"one two\"}\nbroken\n{\"id\": 3, \"text\": \"two\"}\n"
        let r = TextmillBinary.run(["vocab", "build", "-", "-o", "-"], stdin: Array(input.utf8))
        #expect(r.status == 1)
        #expect(r.stderr.contains("-:2: id 2: invalid_json"))
        #expect(r.stdoutLines.dropFirst() == ["two\t2\t2", "one\t1\t1"])
        #expect(r.stdoutLines.first?.hasPrefix("#textmill-vocab v1 docs=2 ") == true)
    }

    @Test func mergeRefusesVocabulariesOfDifferentPipelines() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = Array("{\"id\": 1, \"text\": \"x y\"}\n".utf8)
        _ = TextmillBinary.run(["vocab", "build", "-", "-o", dir + "/a.tsv"], stdin: input)
        _ = TextmillBinary.run(["vocab", "build", "-", "-o", dir + "/b.tsv", "--preset", "chat"], stdin: input)
        let r = TextmillBinary.run(["vocab", "merge", dir + "/a.tsv", dir + "/b.tsv", "-o", dir + "/m.tsv"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("were not made by the same pipeline"))
        let bad = TextmillBinary.run(["vocab", "merge", dir + "/a.tsv", Fixtures.path("corpora/en.jsonl"), "-o", "-"])
        #expect(bad.status == 2 && bad.stderr.contains("line 1: not a textmill vocabulary"))
    }

    @Test func tfidfRunsOnABuiltVocabulary() throws {
        let dir = TextmillBinary.temporaryDirectory()
        #expect(TextmillBinary.run(["vocab", "build", en, "-o", dir + "/v.tsv", "--preset", "hashing"]).status == 0)
        let config = #"{"version": 1, "stages": [{"type": "normalize", "form": "nfkc_casefold"}, {"type": "words"},"#
            + #" {"type": "filter_types", "drop": ["whitespace", "punctuation", "symbol", "emoji"]},"#
            + #" {"type": "ngrams", "range": [1, 2]}, {"type": "tfidf", "vocab": "v.tsv"}],"#
            + #" "output": {"fields": ["id", "indices", "values"]}}"#
        TextmillBinary.write(dir + "/tfidf.json", Array(config.utf8))
        let r = TextmillBinary.run(["run", "-", "-o", "-", "--config", dir + "/tfidf.json"],
                                   stdin: Array(#"{"id": 1, "text": "The the zzzunknownzzz"}"#.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let record = try JSONValue.parse(r.stdoutLines[0])
        // "the" is row 0 (most frequent); "the the" is a bigram of the text, the unknown word is ignored.
        #expect(record["indices"]?.arrayValue?.first?.intValue == 0)
        let values = record["values"]?.arrayValue?.compactMap(\.doubleValue) ?? []
        #expect(abs(values.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
    }

    @Test func vocabOptionReplacesTheWordPieceVocabulary() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/vocab.txt", Array("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhi\n##ya\n".utf8))
        let input = Array(#"{"id": 1, "text": "Hiya HI"}"#.utf8)
        let r = TextmillBinary.run(["run", "-", "-o", "-", "--preset", "bert-wordpiece", "--vocab", dir + "/vocab.txt"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutText == ###"{"id":1,"ids":[2,5,6,5,3],"tokens":["[CLS]","hi","##ya","hi","[SEP]"],"offsets":[[0,0],[0,2],[2,4],[5,7],[0,0]],"attention_mask":[1,1,1,1,1]}"### + "\n")
        let short = TextmillBinary.run(["run", "-", "-o", "-", "--preset", "bert-wordpiece", "--vocab", dir + "/vocab.txt", "--max-length", "3"], stdin: input)
        #expect(short.stdoutText.hasPrefix(#"{"id":1,"ids":[2,5,3],"#))
        let wrong = TextmillBinary.run(["run", "-", "-o", "-", "--vocab", dir + "/vocab.txt"], stdin: input)
        #expect(wrong.status == 2 && wrong.stderr.contains("--vocab: this pipeline has no wordpiece stage"))
        let missing = TextmillBinary.run(["run", "-", "-o", "-", "--preset", "bert-wordpiece", "--vocab", dir + "/nope.txt"], stdin: input)
        #expect(missing.status == 2 && missing.stderr.contains("--vocab: no such file"))
    }
}
