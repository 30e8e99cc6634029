import ArgumentParser

/// `textmill jobs`: submit batch jobs to a running `textmill serve` and follow them.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Submit `run` jobs to a textmill server and follow them (docs/protocol.md).",
        discussion: """
            The server keeps its jobs in its --state-dir: they survive this terminal closing and \
            the server restarting. Exit codes for wait: 0 succeeded, 1 succeeded with failed \
            documents, 2 failed, cancelled, timed out or usage error.
            """,
        subcommands: [JobsSubmitCommand.self, JobsStatusCommand.self, JobsListCommand.self, JobsCancelCommand.self,
                      JobsWaitCommand.self, JobsWatchCommand.self])
}
