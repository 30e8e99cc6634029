import TextmillUnicode

/// ICU transliteration by ID, e.g. `Any-Latin; Latin-ASCII`, word by word.
///
/// Offsets stay true but coarse: a token made from part of a transliterated word points at the
/// whole original word when the transliteration changed the number of characters.
public struct Transliteration: TextNormalizer {
    public let id: String
    public let typeName = "transliterate"

    /// Opens the transliterator once to reject a bad ID at config time, not in every worker.
    public init(id: String) throws {
        _ = try Transliterator(id: id)
        self.id = id
    }

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
