import TextmillJSON
/// Drops tokens whose text is in a stopword list (exact match on the token's text as the
/// pipeline has made it, so lists are stored case-folded and the stage follows case folding).
public struct StopwordFilter: PipelineStage {
    public let words: ByteStringTable

    /// `lists` are newline-separated UTF-8 word lists (blank lines and `#` comments ignored);
    /// `extra` are more words.
    public init(lists: [[UInt8]], extra: [String] = []) {
        var table = ByteStringTable()
        for list in lists {
            var start = 0
            while start < list.count {
                var end = start
                while end < list.count && list[end] != 0x0A { end += 1 }
                var stop = end
                while stop > start && (list[stop - 1] == 0x0D || list[stop - 1] == 0x20 || list[stop - 1] == 0x09) { stop -= 1 }
                if stop > start && list[start] != UInt8(ascii: "#") { _ = table.insert(Array(list[start..<stop])) }
                start = end + 1
            }
        }
        for word in extra where !word.isEmpty { _ = table.insert(Array(word.utf8)) }
        words = table
    }

    public func makeRunner() throws -> any StageRunner {
        let words = self.words
        var scratch = TermList()
        return ClosureRunner { analysis in
            analysis.tokens.removeAll { token in
                scratch.removeAll()
                analysis.withUnits(of: token) { scratch.appendUTF8(of: $0) }
                return scratch.bytes.withUnsafeBufferPointer { words.find($0) } != nil
            }
        }
    }
}

extension StopwordFilter {
    /// `{"type": "stopwords", "languages": ["en"], "files": ["my-list.txt"], "words": ["foo"]}`.
    /// A language's list is `stopwords/<lang>.txt` beside the config, else in the models folder.
    public struct Definition: StageDefinition {
        public static let typeName = "stopwords"
        public static let optionNames = ["languages", "files", "words"]
        public let languages: [String]
        /// As written in the config.
        public let files: [String]
        public let words: [String]
        /// Every list (the languages' too), relative to the config's folder or absolute, for the fingerprint.
        public let listFiles: [String]
        /// The same lists, openable.
        let paths: [String]

        public init(config r: ConfigReader) throws(ConfigError) {
            languages = try r.strings("languages", default: [])
            files = try r.strings("files", default: [])
            words = try r.strings("words", default: [])
            if languages.isEmpty && files.isEmpty && words.isEmpty {
                throw r.fail("languages", "give at least one of languages, files, words")
            }
            let directory = r.configDirectory
            var listFiles: [String] = []
            var paths: [String] = []
            for (i, language) in languages.enumerated() {
                guard let found = StopwordLists.find(language, near: directory, models: r.modelsDirectory) else {
                    let available = StopwordLists.languages(near: directory, models: r.modelsDirectory)
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
            self.listFiles = listFiles
            self.paths = paths
        }

        public var resolvedOptions: [(String, JSONValue)] {
            [
                ("languages", .array(languages.map { .string($0) })), ("files", .array(files.map { .string($0) })),
                ("words", .array(words.map { .string($0) })),
            ]
        }

        public var modelFiles: [String] { listFiles }

        public func makeStage() throws -> any PipelineStage {
            try StopwordFilter(lists: paths.map { try FileBytes.read($0) }, extra: words)
        }
    }
}
