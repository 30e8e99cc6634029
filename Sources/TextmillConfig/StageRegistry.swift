import TextmillJSON
import TextmillPipeline
import TextmillTokenizers
import TextmillCuration

/// Every pipeline stage a config can name, once each. Adding a stage: one file with its
/// `StageDefinition`, and one line here.
public enum StageRegistry {
    public static let definitions: [any StageDefinition.Type] = [
        InvalidUTF8Repair.self,
        ControlCharacterStripper.self,
        WhitespaceCollapser.self,
        UnicodeNormalization.self,
        CaseFolding.self,
        Lowercasing.self,
        Transliteration.self,
        WordSegmenter.self,
        SentenceSegmenter.self,
        TokenTypeFilter.self,
        WordNGrams.self,
        CharNGrams.self,
        FeatureHashing.self,
        WordPieceTokenizer.Definition.self,
        TFIDFFeaturizer.Definition.self,
        StopwordFilter.Definition.self,
        TokenLengthFilter.self,
        PatternTokenMerger.self,
        ChatFeatures.self,
        TokenizerStage.Definition.self,
        LanguageStage.Definition.self,
        LanguageFilter.self,
        QualitySignalsStage.self,
        QualityFilter.self,
        MinHashStage.self,
    ]

    /// The config `"type"` names, in registry order (for error messages and docs).
    public static var typeNames: [String] { definitions.map { $0.typeName } }

    /// Parses one stage object of a config: finds its type, rejects unknown keys, parses the options.
    public static func parse(_ value: JSONValue, file: String, path: String, modelsDirectory: String?) throws(ConfigError)
        -> any StageDefinition
    {
        let r = try ConfigReader(value, file: file, path: path, modelsDirectory: modelsDirectory)
        let type = try r.string("type")
        guard let definition = definitions.first(where: { $0.typeName == type }) else {
            throw r.fail("type", "\"\(type)\" is not a stage type (allowed: \(typeNames.joined(separator: ", ")))")
        }
        try r.rejectUnknown(allowed: ["type"] + definition.optionNames)
        return try definition.init(config: r)
    }
}
