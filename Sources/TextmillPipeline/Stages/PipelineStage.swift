/// A configured pipeline stage: an immutable description made from the config, shared by all
/// workers. It builds a `StageRunner` per worker, which owns the expensive, non-thread-safe
/// state (ICU iterators, transliterators, loaded models).
///
/// To add a stage: write one file with a type conforming to `PipelineStage` and
/// `StageDefinition`, and add it to `StageRegistry` in TextmillConfig.
public protocol PipelineStage: Sendable {
    /// Record fields this stage adds (featurizers); the output spec may name only known fields.
    var producedFields: [String] { get }
    /// Builds this stage's per-worker state.
    func makeRunner() throws -> any StageRunner
}

extension PipelineStage {
    public var producedFields: [String] { [] }
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
