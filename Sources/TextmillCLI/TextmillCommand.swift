import ArgumentParser

/// The `textmill` root command.
public struct TextmillCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "textmill",
        abstract: "ICU text normalization, tokenization and features, in bulk or one message at a time.",
        discussion: """
            Exit codes: 0 all documents processed; 1 some documents failed (each has an error \
            record); 2 usage or configuration error.
            """,
        version: version,
        subcommands: [RunCommand.self, InspectCommand.self, DecodeCommand.self, PresetsCommand.self, VocabCommand.self, DedupCommand.self, WorkerCommand.self, ServeCommand.self, ChatCommand.self, ServeBenchCommand.self, ShardsCommand.self, JobsCommand.self]
    )

    public init() {}
}
