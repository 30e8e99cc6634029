import TextmillPipeline
#if canImport(Glibc)
import Glibc
#endif

/// The presets shipped in `models/` (every `models/*.json` is one) and how to find that folder.
///
/// Search order: `$TEXTMILL_MODELS`, then `models/` beside the executable or in any of its parent
/// folders (so `.build/release/textmill` finds the checkout's models), then `./models`.
public struct PresetCatalog: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public static let defaultPreset = "icu-words"

    /// Finds the models folder, or nil when there is none.
    public static func locate(executablePath: String? = nil) -> PresetCatalog? {
        if let env = getenv("TEXTMILL_MODELS") {
            return PresetCatalog(directory: String(cString: env))
        }
        var candidates: [String] = []
        if let exe = executablePath ?? currentExecutablePath() {
            var dir = directoryName(exe)
            for _ in 0..<6 {
                candidates.append(dir + "/models")
                let parent = directoryName(dir)
                if parent == dir { break }
                dir = parent
            }
        }
        candidates.append("models")
        for candidate in candidates where FileBytes.exists(candidate + "/icu-words.json") {
            return PresetCatalog(directory: candidate)
        }
        return nil
    }

    public var names: [String] {
        FileBytes.list(directory).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    public func path(of preset: String) -> String { directory + "/" + preset + ".json" }

    public func load(_ preset: String) throws(ConfigError) -> PipelineConfig {
        guard names.contains(preset) else {
            throw ConfigError(
                file: directory, field: "",
                "no preset named \"\(preset)\" (available: \(names.joined(separator: ", ")))")
        }
        return try PipelineConfig.load(path: path(of: preset))
    }

    private static func currentExecutablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
