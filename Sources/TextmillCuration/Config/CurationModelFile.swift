import TextmillPipeline

/// Where a model file shipped in `models/` (a stop-word list, the trigram profiles) is found for
/// a config: beside the config (presets), else in the models folder.
struct CurationModelFile: Sendable {
    /// For the fingerprint: relative to the config's folder, or absolute.
    let written: String
    /// Openable from the current directory.
    let path: String

    static func find(_ local: String, for r: ConfigReader) -> CurationModelFile? {
        let beside = r.configDirectory + "/" + local
        if FileBytes.exists(beside) { return CurationModelFile(written: local, path: beside) }
        if let models = r.modelsDirectory {
            let path = FileBytes.absolutePath(models + "/" + local)
            if FileBytes.exists(path) { return CurationModelFile(written: path, path: path) }
        }
        return nil
    }

    /// Like `find`, but a missing file is a config error naming the stage.
    static func require(_ local: String, for r: ConfigReader) throws(ConfigError) -> CurationModelFile {
        guard let found = find(local, for: r) else {
            throw ConfigError(file: r.file, field: r.path, "needs \(local) (beside the config or in the models folder)")
        }
        return found
    }
}
