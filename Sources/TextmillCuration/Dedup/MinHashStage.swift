import TextmillJSON
import TextmillPipeline

/// The `minhash` stage: adds the `minhash` field, dedup's view of the document — `exact` (hash
/// of the text at this point, 16 hex digits), `bands` (the 14 LSH band keys) and `shingles` (the
/// word 5-gram hashes), both as `PackedHashes` base64. Put it where `textmill dedup`'s pipeline
/// would end (after normalization and `words`): `run` (or the filter mode under Spark) then
/// computes the signatures, and `textmill dedup --signatures` clusters them on one machine.
public struct MinHashStage: PipelineStage, StageDefinition {
    public static let typeName = "minhash"
    public static let optionNames: [String] = []

    public init(config r: ConfigReader) throws(ConfigError) {}

    public init() {}

    public var resolvedOptions: [(String, JSONValue)] { [] }

    public var producedFields: [String] { ["minhash"] }

    public func makeRunner() throws -> any StageRunner { Runner() }

    private final class Runner: StageRunner {
        let hasher = MinHasher()

        func run(_ analysis: Analysis) throws {
            let features = DedupFeatures(analysis, hasher: hasher)
            let bands = features.shingles.isEmpty ? [] : hasher.bandKeys(features.signature)
            analysis.features.append(
                ("minhash", MinHashField(exactHash: features.exactHash, bandKeys: bands, shingles: features.shingles).feature))
        }
    }
}
