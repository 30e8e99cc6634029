/// A configured pipeline stage: an immutable description made from the config, shared by all
/// workers. It builds a `StageRunner` per worker, which owns the expensive, non-thread-safe
/// state (ICU iterators, transliterators, loaded models).
///
/// To add a stage: write one file with a type conforming to `PipelineStage` and
/// `StageDefinition`, and add it to `StageRegistry` in TextmillConfig.
public protocol PipelineStage: Sendable {
    /// Record fields this stage adds (featurizers); the output spec may name only known fields.
    var producedFields: [String] { get }
    /// Fields of earlier stages this stage reads (a filter on `language`); the config is refused
    /// when no stage before it produces them.
    var requiredFields: [String] { get }
    /// Whether the stage may drop documents (set `Analysis.rejection`); the run then looks for
    /// rejected records to count them and route them to `--rejected`.
    var mayReject: Bool { get }
    /// Builds this stage's per-worker state.
    func makeRunner() throws -> any StageRunner
}

extension PipelineStage {
    public var producedFields: [String] { [] }
    public var requiredFields: [String] { [] }
    public var mayReject: Bool { false }
}

/// A stage's per-worker state; applied to one document at a time.
public protocol StageRunner: AnyObject {
    func run(_ analysis: Analysis) throws
}

/// A runner for stages that keep no per-worker state.
final class ClosureRunner: StageRunner {
    let body: (Analysis) throws -> Void
    init(_ body: @escaping (Analysis) throws -> Void) { self.body = body }
    func run(_ analysis: Analysis) throws { try body(analysis) }
}
