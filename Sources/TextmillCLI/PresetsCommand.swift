import ArgumentParser
import TextmillConfig

/// `textmill presets`: list the shipped presets, or show one resolved.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets", abstract: "List the presets in models/, or show one with --show.")

    @Option(help: "Print this preset's resolved config and fingerprint.")
    var show: String?

    @Option(help: "Folder holding the presets (default: found beside the executable, or $TEXTMILL_MODELS).")
    var models: String?

    mutating func run() throws {
        guard let catalog = models.map(PresetCatalog.init(directory:)) ?? PresetCatalog.locate() else {
            throw FatalError("cannot find the models folder with the presets; pass --models DIR or set TEXTMILL_MODELS")
        }
        do {
            if let show {
                let config = try catalog.load(show)
                print(config.resolved.jsonText)
                print("fingerprint: \(config.fingerprint)")
                return
            }
            for name in catalog.names {
                let config: PipelineConfig
                do { config = try catalog.load(name) } catch {
                    // One preset whose model file is missing (cl100k before `make tokenizer-data`) must not hide the others.
                    print("\(name)\t(unavailable: \(error))")
                    continue
                }
                let marker = name == PresetCatalog.defaultPreset ? " (default)" : ""
                print("\(name)\(marker)\t\(config.description)")
            }
        } catch {
            throw FatalError("config error: \(error)")
        }
    }
}
