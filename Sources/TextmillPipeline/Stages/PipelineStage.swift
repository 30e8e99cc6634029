/// The families of stages, in the order a pipeline normally runs them.
public enum StageKind: String, Sendable {
    case cleaner, normalizer, segmenter, filter, featurizer
}

/// A configured pipeline stage: an immutable description made from the config, shared by all
/// workers. It builds a `StageRunner` per worker, which owns the expensive, non-thread-safe
/// state (ICU iterators, transliterators, loaded models).
///
/// To add a stage: write one type conforming to one of the kind protocols below, and add one
/// case for its `"type"` to `StageSpec` in TextmillConfig.
public protocol PipelineStage: Sendable {
    var kind: StageKind { get }
    /// The config `"type"` this stage was made from, for logs and error messages.
    var typeName: String { get }
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

/// Rewrites the text before normalization (control characters, whitespace).
public protocol TextCleaner: PipelineStage {}
extension TextCleaner { public var kind: StageKind { .cleaner } }

/// Rewrites the text with ICU normalization, case mapping or transliteration.
public protocol TextNormalizer: PipelineStage {}
extension TextNormalizer { public var kind: StageKind { .normalizer } }

/// Cuts the text into tokens or sentences.
public protocol Segmenter: PipelineStage {}
extension Segmenter { public var kind: StageKind { .segmenter } }

/// Removes or rewrites tokens.
public protocol TokenFilter: PipelineStage {}
extension TokenFilter { public var kind: StageKind { .filter } }

/// Adds record fields computed from tokens, sentences or text.
public protocol Featurizer: PipelineStage {}
extension Featurizer { public var kind: StageKind { .featurizer } }

/// A runner for stages that keep no per-worker state.
final class ClosureRunner: StageRunner {
    let body: (Analysis) throws -> Void
    init(_ body: @escaping (Analysis) throws -> Void) { self.body = body }
    func run(_ analysis: Analysis) throws { try body(analysis) }
}
