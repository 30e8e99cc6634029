import TextmillJSON
import TextmillUnicode

/// ICU transliteration by ID, e.g. `Any-Latin; Latin-ASCII`, word by word.
///
/// Offsets stay true but coarse: a token made from part of a transliterated word points at the
/// whole original word when the transliteration changed the number of characters.
public struct Transliteration: PipelineStage, StageDefinition {
    public static let typeName = "transliterate"
    public static let optionNames: [String] = ["id"]
    public let id: String

    /// Opens the transliterator once to reject a bad ID at config time, not in every worker.
    public init(id: String) throws {
        _ = try Transliterator(id: id)
        self.id = id
    }

    public init(config r: ConfigReader) throws(ConfigError) {
        let id = try r.string("id")
        do { try self.init(id: id) } catch { throw r.stageError(error) }
    }

    public var resolvedOptions: [(String, JSONValue)] { [("id", .string(id))] }

    public func makeRunner() throws -> any StageRunner { Runner(try Transliterator(id: id)) }

    final class Runner: StageRunner {
        let transliterator: Transliterator
        var chunks = ChunkedTransform(alignScalars: false)
        init(_ t: Transliterator) { transliterator = t }

        func run(_ analysis: Analysis) throws {
            try chunks.apply(to: analysis) { try transliterator.transliterate($0, appendingTo: &$1) }
        }
    }
}
