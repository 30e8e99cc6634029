import Testing
import TextmillJSON
import TextmillShards
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct TokenShardSinkTests {
    typealias R = ShardLayoutReaders
    let eos = ShardTesting.eos

    func expected(_ docs: [ShardDocument]) -> [[UInt32]] { docs.filter { !$0.isError }.map { $0.ids + [eos] } }

    @Test func llmcWritesHeaderAndTokens() throws {
        let docs = ShardTesting.documents(50)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.llmc, in: $0) }
        let shard = R.llmc(dir + "/train_000000.bin")
        #expect(shard.magic == 20_240_520)
        #expect(shard.version == 1)
        #expect(shard.count == shard.tokens.count)
        #expect(R.splitAfter(eos, shard.tokens) == expected(docs))
    }

    @Test func nanogptWritesRawTokens() throws {
        let docs = ShardTesting.documents(50)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.nanogpt, in: $0) }
        #expect(Fixtures.listing(dir).contains("train.bin"))
        #expect(R.splitAfter(eos, R.raw(dir + "/train.bin", width: 2)) == expected(docs))
    }

    @Test func megatronWritesIndexedDataset() throws {
        let docs = ShardTesting.documents(50)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.megatron, in: $0) }
        let shard = R.megatron(dir + "/train_00000")
        #expect(shard.version == 1)
        #expect(shard.code == 8)
        #expect(shard.documentIndices.first == 0)
        #expect(shard.documents.map { $0.flatMap { $0 } } == expected(docs))
        #expect(shard.documents.allSatisfy { $0.count == 1 })
    }

    @Test func megatronSequencesPerSentence() throws {
        // Two documents of three and one sentences: EOS ends the last sentence, BOS starts the first.
        let docs = [
            ShardDocument(ordinal: 0, ids: [10, 11, 12, 13, 14, 15], sequenceEnds: [2, 3, 6]),
            ShardDocument(ordinal: 1, ids: [20, 21], sequenceEnds: [2]),
        ]
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.megatron, in: $0, bos: 1) }
        let shard = R.megatron(dir + "/train_00000")
        #expect(shard.documents == [[[1, 10, 11], [12], [13, 14, 15, 2]], [[1, 20, 21, 2]]])
        #expect(shard.pointers == [0, 6, 8, 16])
    }

    @Test func datatroveWritesIndexAndMetadata() throws {
        let docs = ShardTesting.documents(50)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.datatrove, in: $0) }
        let shard = R.datatrove(dir + "/train_00000.ds")
        #expect(R.documents(shard) == expected(docs))
        let total = expected(docs).reduce(0) { $0 + $1.count }
        let lines = shard.metadata.split(separator: "\n").map(String.init)
        #expect(lines[0] == "test-tokenizer|2")
        #expect(lines[1] == String(total))
        #expect(lines[2].hasSuffix(" T") || lines[2].hasSuffix(" kT"))
    }

    @Test(arguments: [ShardFormat.llmc, .nanogpt, .megatron, .datatrove])
    func largeVocabularySwitchesTokenType(_ format: ShardFormat) throws {
        let docs = [ShardDocument(ordinal: 0, ids: [70_000, 3, 65_536]), ShardDocument(ordinal: 1, ids: [69_999])]
        let dir = try ShardTesting.write(docs) { ShardTesting.options(format, in: $0, vocabulary: 70_001) }
        let want: [[UInt32]] = [[70_000, 3, 65_536, eos], [69_999, eos]]
        switch format {
        case .llmc:
            let s = R.llmc(dir + "/train_000000.bin")
            #expect(s.magic == 20_240_801 && s.version == 7)
            #expect(R.splitAfter(eos, s.tokens) == want)
        case .nanogpt:
            #expect(R.splitAfter(eos, R.raw(dir + "/train.bin", width: 4)) == want)
        case .megatron:
            let s = R.megatron(dir + "/train_00000")
            #expect(s.code == 4)
            #expect(s.documents.map { $0.flatMap { $0 } } == want)
        case .datatrove:
            let s = R.datatrove(dir + "/train_00000.ds")
            #expect(s.metadata.hasPrefix("test-tokenizer|4\n"))
            #expect(R.documents(s) == want)
        }
    }

    @Test func megatronSwitchesAt65500() {
        #expect(ShardFormat.megatron.tokenType(vocabularySize: 65_499) == .uint16)
        #expect(ShardFormat.megatron.tokenType(vocabularySize: 65_500) == .int32)
        #expect(ShardFormat.datatrove.tokenType(vocabularySize: 65_536) == .uint16)
        #expect(ShardFormat.datatrove.tokenType(vocabularySize: 65_537) == .uint32)
    }

    @Test func idOutsideTheVocabularyIsRefused() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let sink = try TokenShardSink(directory: dir, options: ShardTesting.options(.nanogpt, in: dir, vocabulary: 100))
        #expect(throws: ShardError.self) { try sink.write(ShardDocument(ordinal: 0, ids: [100])) }
        #expect(throws: ShardError.self) {
            try TokenShardSink(directory: TextmillBinary.temporaryDirectory(), options: ShardTesting.options(.nanogpt, in: dir, vocabulary: 2))
        }
    }

    @Test func shardsBySizeNeverSplitDocuments() throws {
        let docs = ShardTesting.documents(200)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.datatrove, in: $0, shardTokens: 300) }
        let names = Fixtures.listing(dir).filter { $0.hasSuffix(".ds") }
        #expect(names.count > 5)
        var all: [[UInt32]] = []
        for (i, name) in names.enumerated() {
            let shard = R.datatrove(dir + "/" + name)
            if i < names.count - 1 { #expect(shard.tokens.count >= 300) }
            all += R.documents(shard)
        }
        #expect(all == expected(docs))
        let manifest = try JSONValue.parse(Fixtures.read(dir + "/manifest.json"))
        #expect(manifest["state"]?.stringValue == "complete")
        let shards = manifest["splits"]?.arrayValue?.first?["shards"]?.arrayValue ?? []
        #expect(shards.count == names.count)
        #expect(shards.reduce(0) { $0 + ($1["documents"]?.intValue ?? 0) } == docs.count)
    }

    @Test func validationSplitIsDeterministicAndComplete() throws {
        let docs = ShardTesting.documents(300)
        let split = ValidationSplit.fraction(0.1, seed: 42)
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.megatron, in: $0, validation: split) }
        let train = R.megatron(dir + "/train_00000").documents.map { $0.flatMap { $0 } }
        let val = R.megatron(dir + "/val_00000").documents.map { $0.flatMap { $0 } }
        let wantVal = docs.filter { split.isValidation(ordinal: $0.ordinal) }.map { $0.ids + [eos] }
        let wantTrain = docs.filter { !split.isValidation(ordinal: $0.ordinal) }.map { $0.ids + [eos] }
        #expect(val == wantVal)
        #expect(train == wantTrain)
        #expect(val.count > 10 && val.count < 60)
        let first = try ShardTesting.write(docs) { ShardTesting.options(.nanogpt, in: $0, validation: .firstDocuments(5)) }
        #expect(R.splitAfter(eos, R.raw(first + "/val.bin", width: 2)) == expected(Array(docs.prefix(5))))
    }

    @Test func shuffleIsSeededAndKeepsEveryDocument() throws {
        let docs = ShardTesting.documents(300)
        func run(_ seed: UInt64) throws -> (String, [[UInt32]]) {
            let dir = try ShardTesting.write(docs) { ShardTesting.options(.datatrove, in: $0, shardTokens: 500, shuffleSeed: seed) }
            let names = Fixtures.listing(dir).filter { $0.hasSuffix(".ds") }
            return (dir, names.flatMap { R.documents(R.datatrove(dir + "/" + $0)) })
        }
        let (a, docsA) = try run(1)
        let (b, docsB) = try run(1)
        let (_, docsC) = try run(2)
        func shards(_ dir: String) -> [String: [UInt8]] { ShardTesting.snapshot(dir).filter { $0.key.contains(".ds") } }
        #expect(shards(a).count > 10)
        #expect(shards(a) == shards(b))
        #expect(docsA == docsB)
        #expect(docsA != expected(docs))
        #expect(docsA != docsC)
        #expect(docsA.sorted { $0.lexicographicallyPrecedes($1) } == expected(docs).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(!Fixtures.listing(a).contains { $0.hasPrefix(".") })
    }

    @Test func errorDocumentsGoToTheErrorsFile() throws {
        var docs = ShardTesting.documents(20)
        docs[3] = ShardDocument(ordinal: 3, errorRecord: Array(#"{"id":4,"error":{"code":"invalid_json"}}"#.utf8))
        docs[9] = ShardDocument(ordinal: 9, errorRecord: Array(#"{"id":10,"error":{"code":"missing_text"}}"#.utf8))
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.llmc, in: $0) }
        #expect(String(decoding: Fixtures.read(dir + "/errors.jsonl"), as: UTF8.self)
            == #"{"id":4,"error":{"code":"invalid_json"}}"# + "\n" + #"{"id":10,"error":{"code":"missing_text"}}"# + "\n")
        #expect(R.splitAfter(eos, R.llmc(dir + "/train_000000.bin").tokens) == expected(docs))
        let manifest = try JSONValue.parse(Fixtures.read(dir + "/manifest.json"))
        #expect(manifest["errors"]?["count"]?.intValue == 2)
    }

    @Test(arguments: [ShardFormat.llmc, .nanogpt, .megatron, .datatrove])
    func emptyInputWritesOneEmptyShard(_ format: ShardFormat) throws {
        let dir = try ShardTesting.write([]) { ShardTesting.options(format, in: $0) }
        let file = try ShardFile.open(dir + "/" + format.fileNames(split: "train", index: format == .nanogpt ? nil : 0)[0], format: format)
        #expect(file.tokenCount == 0)
        #expect(file.documentCount ?? 0 == 0)
    }

    @Test func zeroTokenDocumentsWithoutEOS() throws {
        let docs = [ShardDocument(ordinal: 0, ids: []), ShardDocument(ordinal: 1, ids: [5]), ShardDocument(ordinal: 2, ids: [])]
        let dir = try ShardTesting.write(docs) { ShardTesting.options(.megatron, in: $0, eos: nil) }
        let m = R.megatron(dir + "/train_00000")
        #expect(m.lengths == [0, 1, 0])
        #expect(m.documentIndices == [0, 1, 2, 3])
        let d = try ShardTesting.write(docs) { ShardTesting.options(.datatrove, in: $0, eos: nil) }
        #expect(R.datatrove(d + "/train_00000.ds").ends == [0, 1, 1])
    }

    @Test func shardsLargerThanTheWriteBuffer() throws {
        // 700,000 ids (1.4 MB as uint16, 2.8 MB as uint32) cross the writer's 1 MiB buffer several times.
        let ids = (0..<700_000).map { UInt32(3 + $0 % 60_000) }
        let docs = [ShardDocument(ordinal: 0, ids: ids), ShardDocument(ordinal: 1, ids: Array(ids.prefix(5)))]
        let narrow = try ShardTesting.write(docs) { ShardTesting.options(.nanogpt, in: $0, vocabulary: 60_003) }
        #expect(R.raw(narrow + "/train.bin", width: 2) == ids + [eos] + ids.prefix(5) + [eos])
        let wide = try ShardTesting.write(docs) { ShardTesting.options(.llmc, in: $0, vocabulary: 70_000) }
        let shard = R.llmc(wide + "/train_000000.bin")
        #expect(shard.count == ids.count + 7)
        #expect(shard.tokens == ids + [eos] + ids.prefix(5) + [eos])
    }

    @Test func aDirectoryWithADatasetIsRefused() throws {
        let dir = try ShardTesting.write(ShardTesting.documents(3)) { ShardTesting.options(.llmc, in: $0) }
        #expect(throws: ShardError.self) { try TokenShardSink(directory: dir, options: ShardTesting.options(.llmc, in: dir)) }
    }
}
