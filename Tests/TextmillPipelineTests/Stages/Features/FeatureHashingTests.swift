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

    /// Repeated magnitudes are formatted once and copied (see `JSONWriter.feature`).
    @Test func valueArraysAreWrittenExactlyWithTheirSigns() throws {
        var out = JSONWriter()
        let values = [0.5773502691896258, -0.5773502691896258, -0.5773502691896258, 0.0, 1e-05, -2.0, 0.5773502691896258]
        out.feature(.doubles(values))
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(text == "[0.5773502691896258,-0.5773502691896258,-0.5773502691896258,0.0,1e-05,-2.0,0.5773502691896258]")
        #expect(try JSONValue.parse(text).doubles == values)
    }

    /// Powers of two take the column by mask, other widths by `%`: both are sklearn's
    /// `abs(h) % n_features` (h = −2^31 as its C code maps it).
    @Test func columnsAreTheHashModuloTheWidth() {
        var state: UInt64 = 3
        for n in [1, 2, 7, 16, 1000, 1 << 18, 1 << 20, 1_000_003, Int(Int32.max)] {
            let stage = FeatureHashing(nFeatures: n)
            for length in 0..<200 {
                var key: [UInt8] = []
                for _ in 0..<(length % 23) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    key.append(UInt8(truncatingIfNeeded: state >> 40))
                }
                let h = Int(MurmurHash3.x86_32(key))
                let expected = h == Int(Int32.min) ? (Int(Int32.max) - (n - 1)) % n : abs(h) % n
                let column = key.withUnsafeBufferPointer { stage.column(of: $0) }
                #expect(column.index == expected && column.sign == (h < 0 ? -1 : 1), "n \(n) key \(key)")
            }
        }
    }

    @Test func fieldPrefixRenamesTheOutputFields() throws {
        let stage = FeatureHashing(nFeatures: 16, norm: .none, prefix: "h_")
        #expect(stage.producedFields == ["h_indices", "h_values"])
        let analysis = FeatureTesting.analysis(terms: ["same", "same", "same", "other"])
        try FeatureTesting.run(stage, on: analysis)
        #expect(analysis.feature(named: "h_values")?.doublesValue?.reduce(0) { $0 + abs($1) } == 4)
    }
}


/// The column table behind `hashing`: sums per distinct column, in ascending column order.
@Suite struct ColumnSumsTests {
    @Test func bothSortsAgreeWithTheLibrarySort() {
        var state: UInt64 = 1
        for n in [0, 1, 2, 3, 47, 48, 49, 100, 1000, 50, 3] {
            for range in [7, 1 << 21, 1 << 32] {
                let keys = (0..<n).map { _ -> Int in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return Int(state >> 20) % range
                }
                var a = keys, b = keys, scratch = [Int](repeating: -1, count: n)
                let radix = a.withUnsafeMutableBufferPointer { a in
                    scratch.withUnsafeMutableBufferPointer { Array(ColumnSums.radixSort(a, scratch: $0)) }
                }
                b.withUnsafeMutableBufferPointer { ColumnSums.insertionSort($0) }
                #expect(radix == keys.sorted() && b == keys.sorted(), "n \(n) range \(range)")
            }
        }
    }

    /// Random documents (few columns, so sums repeat and cancel; many, so the table grows and
    /// the bitmap or the radix sort orders them) against a dictionary, each table reused
    /// throughout: without a bitmap (too many columns), and with bitmaps of two sizes.
    @Test func sumsEqualADictionaryAcrossReusedDocuments() {
        var state: UInt64 = 7
        let cases = [(0, 1), (1, 5), (3, 2), (32, 1 << 20), (33, 40), (64, 1 << 20), (65, 40), (500, 1 << 20), (5000, 300),
                     (2, Int(Int32.max) + 1), (90, 1 << 31), (40, 1), (4000, 1 << 20)]
        for (sums, columns) in [(ColumnSums(), Int(Int32.max) + 1), (ColumnSums(columns: 1 << 20), 1 << 20), (ColumnSums(columns: 300), 300)] {
            for (terms, range) in cases where range <= columns {
                var expected: [Int: Int] = [:]
                sums.reserve(terms: terms)
                for _ in 0..<terms {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let column = Int(state >> 33) % range
                    let sign: Int32 = state & 1 == 0 ? 1 : -1
                    sums.add(column: column, sign: sign)
                    expected[column, default: 0] += Int(sign)
                }
                #expect(sums.count == expected.count)
                var got: [(Int, Int)] = []
                sums.drainSorted { got.append(($0, $1)) }
                #expect(got.map(\.0) == expected.keys.sorted(), "columns \(columns) terms \(terms)")
                #expect(got.map(\.1) == expected.keys.sorted().map { expected[$0]! }, "columns \(columns) terms \(terms)")
                #expect(sums.count == 0)
            }
        }
    }
}
