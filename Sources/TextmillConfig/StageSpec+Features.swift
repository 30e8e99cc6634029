import TextmillJSON
import TextmillPipeline

/// Parsing of the feature stages whose options are too many for one line in `StageSpec.parse`.
extension StageSpec {
    static let wordpieceKeys = [
        "type", "vocab", "lowercase", "strip_accents", "max_input_chars_per_word", "continuation_prefix",
        "unk_token", "cls_token", "sep_token", "pad_token", "mask_token", "add_special_tokens", "max_length",
        "padding",
    ]

    static func parseWordPiece(_ r: ConfigReader) throws(ConfigError) -> StageSpec {
        try r.rejectUnknown(allowed: wordpieceKeys)
        var o = WordPieceTokenizer.Options()
        o.lowercase = try r.bool("lowercase", default: true)
        o.stripAccents = try r.optionalBool("strip_accents")
        o.maxInputCharsPerWord = try r.int("max_input_chars_per_word", default: 100, range: 1...1_000_000)
        o.continuationPrefix = try r.string("continuation_prefix", default: "##")
        o.unkToken = try r.string("unk_token", default: "[UNK]")
        o.clsToken = try r.string("cls_token", default: "[CLS]")
        o.sepToken = try r.string("sep_token", default: "[SEP]")
        o.padToken = try r.string("pad_token", default: "[PAD]")
        o.maskToken = try r.string("mask_token", default: "[MASK]")
        o.addSpecialTokens = try r.bool("add_special_tokens", default: true)
        o.maxLength = try r.optionalInt("max_length", range: 1...1_000_000)
        o.padding = try r.bool("padding", default: false)
        if o.padding && o.maxLength == nil { throw r.fail("padding", "true needs max_length") }
        let (vocab, path) = try modelFile(r, "vocab")
        return .wordpiece(vocab: vocab, vocabPath: path, options: o)
    }

    /// A model file option: the path as written and where it is (relative paths are resolved
    /// against the config file's folder). A missing file is an error naming the field.
    static func modelFile(_ r: ConfigReader, _ key: String) throws(ConfigError) -> (String, String) {
        let written = try r.string(key)
        let path = written.hasPrefix("/") ? written : directoryName(r.file) + "/" + written
        guard FileBytes.exists(path) else { throw r.fail(key, "model file \(path) does not exist") }
        return (written, path)
    }
}

extension StageSpec {
    /// `{"type": "stopwords", "languages": ["en"], "files": ["my-list.txt"], "words": ["foo"]}`.
    /// A language's list is `stopwords/<lang>.txt` beside the config, else in the models folder.
    static func parseStopwords(_ r: ConfigReader) throws(ConfigError) -> StageSpec {
        try r.rejectUnknown(allowed: ["type", "languages", "files", "words"])
        let languages = try r.strings("languages", default: [])
        let files = try r.strings("files", default: [])
        let words = try r.strings("words", default: [])
        if languages.isEmpty && files.isEmpty && words.isEmpty {
            throw r.fail("languages", "give at least one of languages, files, words")
        }
        let directory = directoryName(r.file)
        var listFiles: [String] = []
        var paths: [String] = []
        let available = StopwordLists.languages(near: directory)
        for (i, language) in languages.enumerated() {
            guard let found = StopwordLists.find(language, near: directory) else {
                throw ConfigError(
                    file: r.file, field: r.field("languages") + "[\(i)]",
                    "no stopword list for \"\(language)\" (available: \(available.joined(separator: ", ")))")
            }
            listFiles.append(found.relativeOrAbsolute)
            paths.append(found.path)
        }
        for (i, file) in files.enumerated() {
            let path = file.hasPrefix("/") ? file : directory + "/" + file
            guard FileBytes.exists(path) else {
                throw ConfigError(file: r.file, field: r.field("files") + "[\(i)]", "model file \(path) does not exist")
            }
            listFiles.append(file)
            paths.append(path)
        }
        return .stopwords(languages: languages, files: files, listFiles: listFiles, paths: paths, words: words)
    }
}
