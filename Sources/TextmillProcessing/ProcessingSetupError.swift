/// Processing could not start: the pipeline failed to build, or the worker pool could not be
/// started or checked. The message is written for the user (the CLI prints it and exits 2).
public struct ProcessingSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
