/// Where the stopword lists shipped in `models/stopwords/` are found for a config (and for
/// `chat --faq`, which drops stop words before matching).
public enum StopwordLists {
    public struct Found: Sendable {
        /// For the fingerprint: relative to the config's folder, or absolute.
        public let relativeOrAbsolute: String
        /// Openable from the current directory.
        public let path: String
    }

    /// `stopwords/<language>.txt` beside the config (presets), else in the models folder.
    public static func find(_ language: String, near directory: String, models: String?) -> Found? {
        guard !language.isEmpty, !language.contains("/"), !language.contains(".") else { return nil }
        let local = "stopwords/\(language).txt"
        if FileBytes.exists(directory + "/" + local) { return Found(relativeOrAbsolute: local, path: directory + "/" + local) }
        if let models {
            let path = FileBytes.absolutePath(models + "/" + local)
            if FileBytes.exists(path) { return Found(relativeOrAbsolute: path, path: path) }
        }
        return nil
    }

    public static func languages(near directory: String, models: String?) -> [String] {
        var names = FileBytes.list(directory + "/stopwords")
        if names.isEmpty, let models { names = FileBytes.list(models + "/stopwords") }
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }
    }
}
