import Testing
import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// Walks `StageRegistry`: every stage's resolved form parses back to itself, its fingerprint is
/// stable, and unknown options are refused naming the stage and the option.
@Suite struct StageRegistryTests {
    /// A minimal config object for each stage type; a stage added to the registry without an
    /// example here fails `everyStageHasAnExample`.
    static let examples: [String: String] = [
        "repair_utf8": #"{"type": "repair_utf8"}"#,
        "strip_controls": #"{"type": "strip_controls"}"#,
        "collapse_whitespace": #"{"type": "collapse_whitespace"}"#,
        "normalize": #"{"type": "normalize", "form": "nfkc"}"#,
        "casefold": #"{"type": "casefold"}"#,
        "lowercase": #"{"type": "lowercase", "locale": "tr"}"#,
        "transliterate": #"{"type": "transliterate", "id": "Any-Latin; Latin-ASCII"}"#,
        "words": #"{"type": "words"}"#,
        "sentences": #"{"type": "sentences", "locale": "en"}"#,
        "filter_types": #"{"type": "filter_types", "drop": ["whitespace", "punctuation"]}"#,
        "ngrams": #"{"type": "ngrams", "range": [1, 3]}"#,
        "char_ngrams": #"{"type": "char_ngrams", "range": [3, 5]}"#,
        "hashing": #"{"type": "hashing", "n_features": 1024, "norm": "l1"}"#,
        "wordpiece": #"{"type": "wordpiece", "vocab": "wordpiece/textmill-small-vocab.txt", "max_length": 16}"#,
        "tfidf": #"{"type": "tfidf", "vocab": "../Tests/Fixtures/parity/tfidf-vocab.tsv", "sublinear_tf": true}"#,
        "stopwords": #"{"type": "stopwords", "languages": ["en", "de"], "words": ["foo"]}"#,
        "token_length": #"{"type": "token_length", "min": 2}"#,
        "merge_patterns": #"{"type": "merge_patterns", "kinds": ["url", "email"]}"#,
        "chat_features": #"{"type": "chat_features"}"#,
        "language": #"{"type": "language", "hints": ["bg"]}"#,
        "filter_language": #"{"type": "filter_language", "languages": ["en"], "min_score": 0.5}"#,
        "quality_signals": #"{"type": "quality_signals", "stop_words": ["the", "and"]}"#,
        "filter_quality": #"{"type": "filter_quality", "checks": ["c4", "fineweb"], "dup_line_frac": null, "min_num_sentences": 3}"#,
        "minhash": #"{"type": "minhash"}"#,
        "tokenizer": #"{"type": "tokenizer", "file": "tokenizers/cl100k_base.tiktoken", "allowed_special": ["<|endoftext|>"], "max_length": 512}"#,
    ]

    /// Stages an example needs before it (a filter reads what an earlier stage made); the
    /// example is then the config's last stage.
    static let prerequisites: [String: String] = [
        "filter_language": #"{"type": "language"}, "#,
        "filter_quality": #"{"type": "quality_signals"}, "#,
    ]

    /// Configs live in models/, so relative model paths resolve as the presets' do.
    static let configPath = Fixtures.path("models/registry-test.json")

    func config(_ stage: String) throws -> PipelineConfig {
        try PipelineConfig.parse(Array(#"{"version": 1, "stages": [\#(stage)], "output": {"fields": ["id"]}}"#.utf8), path: Self.configPath)
    }

    @Test func everyStageHasAnExample() {
        #expect(Set(StageRegistry.typeNames) == Set(Self.examples.keys))
        #expect(Set(StageRegistry.typeNames).count == StageRegistry.typeNames.count, "a type name is registered twice")
    }

    @Test(arguments: StageRegistry.typeNames) func resolvedParsesBackToItself(_ type: String) throws {
        let example = try #require(Self.examples[type])
        let before = Self.prerequisites[type] ?? ""
        let first = try config(before + example)
        let stage = try #require(first.resolved["stages"]?.arrayValue?.last)
        #expect(stage["type"]?.stringValue == type)
        let second = try config(before + stage.jsonText)
        #expect(second.resolved["stages"]?.arrayValue?.last == stage)
        #expect(second.fingerprint == first.fingerprint)
        #expect(try config(before + example).fingerprint == first.fingerprint)
    }

    @Test(arguments: StageRegistry.typeNames) func unknownOptionNamesStageAndOption(_ type: String) throws {
        let example = try #require(Self.examples[type])
        let withTypo = String(example.dropLast()) + #", "colour": 1}"#
        let before = Self.prerequisites[type] ?? ""
        do {
            _ = try config(before + withTypo)
            Issue.record("\(type) accepted an unknown option")
        } catch {
            let index = before.isEmpty ? 0 : 1
            #expect("\(error)".contains("stages[\(index)].colour: unknown field (allowed: type"), "\(error)")
        }
    }

    @Test func optionsChangeTheFingerprint() throws {
        let a = try config(#"{"type": "hashing", "n_features": 1024}"#)
        let b = try config(#"{"type": "hashing", "n_features": 2048}"#)
        #expect(a.fingerprint != b.fingerprint)
        // Defaults written out or left implicit are the same pipeline.
        let c = try config(#"{"type": "hashing", "n_features": 1024, "alternate_sign": true, "norm": "l2", "field_prefix": ""}"#)
        #expect(a.fingerprint == c.fingerprint)
    }
}
