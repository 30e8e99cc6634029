import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// Config cases of the feature stages: parsing, defaults, errors, model files, overrides.
@Suite struct FeatureConfigTests {
    let smallVocab = Fixtures.path("models/wordpiece/textmill-small-vocab.txt")

    func error(_ stages: String, output: String = "") -> String? {
        do {
            _ = try PipelineConfig.parse(Array((#"{"version": 1, "stages": ["# + stages + "]" + output + "}").utf8), path: "c.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func featureStageErrorsNameTheField() {
        #expect(error(#"{"type": "ngrams", "range": [2, 1]}"#) == "c.json: stages[0].range: [2, 1] must satisfy 1 <= min <= max <= 16")
        #expect(error(#"{"type": "ngrams", "range": 2}"#) == "c.json: stages[0].range: expected [min, max] (two integers), found 2")
        #expect(error(#"{"type": "char_ngrams"}"#) == "c.json: stages[0].range: required [min, max] is missing")
        #expect(error(#"{"type": "hashing", "norm": "l3"}"#) == #"c.json: stages[0].norm: "l3" is not one of l2, l1, none"#)
        #expect(error(#"{"type": "hashing", "n_features": 0}"#) == "c.json: stages[0].n_features: 0 is outside 1...2147483647")
        #expect(error(#"{"type": "wordpiece"}"#) == "c.json: stages[0].vocab: required string is missing")
        #expect(error(#"{"type": "wordpiece", "vocab": "nope.txt"}"#) == "c.json: stages[0].vocab: model file ./nope.txt does not exist")
        #expect(error(#"{"type": "wordpiece", "vocab": ""# + smallVocab + #"", "padding": true}"#)
            == "c.json: stages[0].padding: true needs max_length")
        #expect(error(#"{"type": "wordpiece", "vocab": ""# + smallVocab + #"", "unk_token": "<unk>"}"#)
            == "c.json: stages[0]: the vocabulary has no <unk> token (needed for unknown words)")
        #expect(error(#"{"type": "words"}"#, output: #", "output": {"fields": ["id", "ids"]}"#)?.hasPrefix(
            "c.json: output.fields: output field 'ids' is not produced by this pipeline") == true)
    }

    @Test func hashingPresetResolvesEveryDefault() throws {
        let config = try PresetCatalog(directory: Fixtures.path("models")).load("hashing")
        #expect(config.pipeline.output.fields.map(\.description) == ["id", "tokens", "indices", "values"])
        let stages = config.resolved["stages"]!.arrayValue!
        #expect(stages[4].jsonText == #"{"type":"ngrams","range":[1,2]}"#)
        #expect(stages[5].jsonText == #"{"type":"hashing","n_features":1048576,"alternate_sign":true,"norm":"l2","field_prefix":""}"#)
    }

    @Test func vocabularyFileIsHashedIntoTheFingerprint() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let vocab = Fixtures.read(smallVocab)
        TextmillBinary.write(dir + "/vocab.txt", vocab)
        let json = Array(#"{"version": 1, "stages": [{"type": "wordpiece", "vocab": "vocab.txt"}], "output": {"fields": ["id", "ids"]}}"#.utf8)
        TextmillBinary.write(dir + "/p.json", json)
        // Relative to the config's folder, not the current directory.
        let a = try PipelineConfig.load(path: dir + "/p.json")
        TextmillBinary.write(dir + "/vocab.txt", vocab + Array("extra\n".utf8))
        let b = try PipelineConfig.load(path: dir + "/p.json")
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.resolved.jsonText == b.resolved.jsonText)
    }

    @Test func vocabOverrideReplacesThePresetVocabulary() throws {
        let catalog = PresetCatalog(directory: Fixtures.path("models"))
        let preset = try catalog.load("bert-wordpiece")
        let dir = TextmillBinary.temporaryDirectory()
        // A vocabulary where "hello" is one piece with id 5.
        TextmillBinary.write(dir + "/v.txt", Array("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n".utf8))
        let custom = try preset.overridingWordPiece(vocab: dir + "/v.txt", maxLength: 3)
        #expect(custom.fingerprint != preset.fingerprint)
        #expect(custom.resolved["stages"]?[1]?["vocab"]?.stringValue == dir + "/v.txt")
        let processor = try DocumentProcessor(pipeline: custom.pipeline)
        var out = JSONWriter()
        processor.process(text: "hello hello", id: .number(1, literal: "1"), into: &out)
        let record = try JSONValue.parse(Array(out.bytes.dropLast()))
        #expect(record["ids"]?.jsonText == "[2,5,3]")
        #expect(throws: ConfigError.self) { try catalog.load("icu-words").overridingWordPiece(vocab: dir + "/v.txt") }
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, index < items.count else { return nil }
        return items[index]
    }
}

@Suite struct FilterConfigTests {
    func error(_ stage: String) -> String? {
        do {
            _ = try PipelineConfig.parse(Array((#"{"version": 1, "stages": ["# + stage + "]}").utf8), path: "c.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func filterErrorsNameTheField() {
        #expect(error(#"{"type": "stopwords"}"#) == "c.json: stages[0].languages: give at least one of languages, files, words")
        #expect(error(#"{"type": "stopwords", "languages": ["en", "xx"]}"#)?.hasPrefix(
            #"c.json: stages[0].languages[1]: no stopword list for "xx" (available: bg, ca, cs, de, en, es"#) == true)
        #expect(error(#"{"type": "stopwords", "files": ["none.txt"]}"#) == "c.json: stages[0].files[0]: model file ./none.txt does not exist")
        #expect(error(#"{"type": "token_length", "min": 5, "max": 2}"#) == "c.json: stages[0].max: 2 is below min 5")
        #expect(error(#"{"type": "merge_patterns", "kinds": ["url", "phone"]}"#)
            == #"c.json: stages[0].kinds[1]: "phone" is not one of url, email, mention, hashtag"#)
        #expect(error(#"{"type": "chat_features", "x": 1}"#) == "c.json: stages[0].x: unknown field (allowed: type)")
    }

    @Test func stopwordListsAreHashedIntoTheFingerprint() throws {
        let a = try PipelineConfig.parse(Array(#"{"version": 1, "stages": [{"type": "stopwords", "languages": ["en"]}]}"#.utf8), path: "c.json")
        let b = try PipelineConfig.parse(Array(#"{"version": 1, "stages": [{"type": "stopwords", "languages": ["de"]}]}"#.utf8), path: "c.json")
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.resolved["stages"]?[0]?.jsonText == #"{"type":"stopwords","languages":["en"],"files":[],"words":[]}"#)
        // Re-parsing the resolved form gives the same pipeline (what workers and overrides do).
        let again = try PipelineConfig.parse(Array(a.resolved.jsonText.utf8), path: "c.json")
        #expect(again.fingerprint == a.fingerprint)
    }
}
