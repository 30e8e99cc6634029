/// A validated list of stages plus the output spec: what one config describes.
///
/// Immutable and `Sendable`; each worker turns it into a `DocumentProcessor`.
public struct Pipeline: Sendable {
    public let stages: [any PipelineStage]
    public let output: OutputSpec

    public init(stages: [any PipelineStage], output: OutputSpec) throws(PipelineError) {
        let known = Set(OutputField.builtInNames + stages.flatMap(\.producedFields))
        for field in output.fields where !known.contains(field.description) {
            throw PipelineError(
                "output field '\(field)' is not produced by this pipeline (known: \(known.sorted().joined(separator: ", ")))")
        }
        self.stages = stages.map { ($0 as? any OutputAwareStage)?.adapted(to: output) ?? $0 }
        self.output = output
    }

    /// Whether documents with invalid UTF-8 are repaired (a `repair_utf8` stage) or rejected.
    public var repairsInvalidUTF8: Bool { stages.contains { $0 is InvalidUTF8Repair } }

    /// The same pipeline with another output spec (CLI overrides such as `--offsets utf8`).
    public func with(output: OutputSpec) throws(PipelineError) -> Pipeline {
        try Pipeline(stages: stages, output: output)
    }
}

/// A pipeline that cannot be built as configured.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
