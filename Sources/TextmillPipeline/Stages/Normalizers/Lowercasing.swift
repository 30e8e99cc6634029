import TextmillUnicode

/// Locale-sensitive lowercasing (`tr`: `I` → `ı`; `lt`; Greek final sigma), word by word.
public struct Lowercasing: TextNormalizer {
    public let locale: String
    public let typeName = "lowercase"

    public init(locale: String) { self.locale = locale }

    public func makeRunner() throws -> any StageRunner { Runner(CaseMapper(.lower(locale: locale))) }

    final class Runner: StageRunner {
        let mapper: CaseMapper
        var chunks = ChunkedTransform(alignScalars: true)
        init(_ mapper: CaseMapper) { self.mapper = mapper }

        func run(_ analysis: Analysis) throws {
            try chunks.apply(to: analysis) { try mapper.map($0, appendingTo: &$1) }
        }
    }
}
