import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// MurmurHash3 and `hashing` against scikit-learn's outputs (fixtures from scripts/parity/).
@Suite struct FeatureHashingTests {
    @Test func murmur3MatchesScikitLearnOnEveryFixtureKey() throws {
        let lines = try FeatureTesting.parity("murmur3.jsonl")
        #expect(lines.count == 418)
        for line in lines {
            let key = Array(line["key"]!.stringValue!.utf8)
            #expect(key.count == line["utf8_len"]!.intValue!)
            let seed = UInt32(line["seed"]!.intValue!)
            #expect(Int(MurmurHash3.x86_32(key, seed: seed)) == line["hash"]!.intValue!, "key \(line["key"]!.jsonText)")
        }
    }

    @Test func vectorsEqualHashingVectorizerBitForBit() throws {
        let lines = try FeatureTesting.parity("hashing.jsonl")
        #expect(lines.count == 872)
        var explicitZeros = 0
        for line in lines {
            let features = line["features"]!.strings
            let config = line["config"]!
            let norm: VectorNorm = config["norm"]!.stringValue.flatMap(VectorNorm.init(rawValue:)) ?? .none
            let stage = FeatureHashing(
                nFeatures: config["n_features"]!.intValue!, alternateSign: config["alternate_sign"]!.boolValue!, norm: norm)
            let analysis = FeatureTesting.analysis(terms: features)
            try FeatureTesting.run(stage, on: analysis)
            let indices = analysis.feature(named: "indices")?.intsValue
            let values = analysis.feature(named: "values")?.doublesValue ?? []
            #expect(indices == line["indices"]!.ints, "id \(line["id"]!.jsonText) \(config.jsonText)")
            // Bit-exact: same summation order and division as sklearn's normalize.
            #expect(values.map(\.bitPattern) == line["values"]!.doubles.map(\.bitPattern), "id \(line["id"]!.jsonText)")
            explicitZeros += values.filter { $0 == 0 }.count
        }
        #expect(explicitZeros == 158)
    }

    @Test func fieldPrefixRenamesTheOutputFields() throws {
        let stage = FeatureHashing(nFeatures: 16, norm: .none, prefix: "h_")
        #expect(stage.producedFields == ["h_indices", "h_values"])
        let analysis = FeatureTesting.analysis(terms: ["same", "same", "same", "other"])
        try FeatureTesting.run(stage, on: analysis)
        #expect(analysis.feature(named: "h_values")?.doublesValue?.reduce(0) { $0 + abs($1) } == 4)
    }
}
