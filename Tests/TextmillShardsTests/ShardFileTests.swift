import Testing
@testable import TextmillShards
import TextmillTestSupport

/// TextmillShards' own reader and merger, checked against what was written.
@Suite struct ShardFileTests {
    @Test(arguments: [ShardFormat.llmc, .nanogpt, .megatron, .datatrove])
    func readerGivesBackTheTokens(_ format: ShardFormat) throws {
        let docs = ShardTesting.documents(40)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(format, in: $0) }
        let name = format.fileNames(split: "train", index: format == .nanogpt ? nil : 0)[0]
        let file = try ShardFile.open(dir + "/" + name)
        #expect(file.format == format)
        #expect(file.tokenType == .uint16)
        let want = docs.flatMap { $0.ids + [ShardTesting.eos] }
        #expect(file.tokenCount == want.count)
        #expect(try file.tokens(0..<file.tokenCount) == want)
        if format == .megatron || format == .datatrove { #expect(file.documentCount == docs.count) }
    }

    @Test(arguments: [ShardFormat.llmc, .nanogpt, .megatron, .datatrove])
    func mergeConcatenates(_ format: ShardFormat) throws {
        let a = ShardTesting.documents(30, seed: 1), b = ShardTesting.documents(25, seed: 2)
        let dirA = try ShardTesting.write(a) { ShardTesting.options(format, in: $0) }
        let dirB = try ShardTesting.write(b) { ShardTesting.options(format, in: $0) }
        let name = format.fileNames(split: "train", index: format == .nanogpt ? nil : 0)[0]
        let out = TextmillBinary.temporaryDirectory()
        let paths = format.fileNames(split: "train", index: 0).map { out + "/" + $0 }
        let record = try ShardMerger.merge(
            [try ShardFile.open(dirA + "/" + name), try ShardFile.open(dirB + "/" + name)], into: paths, tokenizerName: "t")
        let merged = try ShardFile.open(paths[0], format: format)
        let want = (a + b).flatMap { $0.ids + [ShardTesting.eos] }
        #expect(try merged.tokens(0..<merged.tokenCount) == want)
        #expect(record.tokens == want.count)
        if format == .megatron {
            #expect(ShardLayoutReaders.megatron(out + "/train_00000").documents.count == a.count + b.count)
        }
    }

    @Test func humanizeMetricMatchesPython() {
        // What humanize.metric(n, unit="T") gives, the third line of datatrove's .ds.metadata.
        #expect(HumanizeMetric.format(0, unit: "T") == "0.00 T")
        #expect(HumanizeMetric.format(12, unit: "T") == "12.0 T")
        #expect(HumanizeMetric.format(1234, unit: "T") == "1.23 kT")
        #expect(HumanizeMetric.format(123_456, unit: "T") == "123 kT")
        #expect(HumanizeMetric.format(1_000_000, unit: "T") == "1.00 MT")
    }
}
