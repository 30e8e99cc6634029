import TextmillShards
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Documents and options for the shard tests.
enum ShardTesting {
    static let eos: UInt32 = 2

    /// `count` documents of varied lengths (some empty) with ids in 3..<vocabulary.
    static func documents(_ count: Int, vocabulary: Int = 1000, seed: UInt64 = 7) -> [ShardDocument] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { i in
            let length = i % 11 == 5 ? 0 : 1 + random.next(below: 40)
            return ShardDocument(ordinal: i, ids: (0..<length).map { _ in UInt32(3 + random.next(below: vocabulary - 3)) })
        }
    }

    static func options(
        _ format: ShardFormat, in directory: String, vocabulary: Int = 1000, shardTokens: Int? = nil,
        validation: ValidationSplit = .none, shuffleSeed: UInt64? = nil, eos: UInt32? = eos, bos: UInt32? = nil
    ) -> TokenShardOptions {
        TokenShardOptions(
            format: format, vocabularySize: vocabulary, eos: eos, bos: bos, shardTokens: shardTokens, validation: validation,
            shuffleSeed: shuffleSeed, tokenizerName: "test-tokenizer", tokenizer: .string("fp0123"), input: .string("input"),
            errorsPath: directory + "/errors.jsonl")
    }

    /// Writes `documents` into a new dataset in a fresh directory; returns the directory.
    @discardableResult
    static func write(_ documents: [ShardDocument], _ make: (String) -> TokenShardOptions, directory: String? = nil) throws -> String {
        let dir = directory ?? TextmillBinary.temporaryDirectory()
        let sink = try TokenShardSink(directory: dir, options: make(dir))
        for d in documents { try sink.write(d) }
        try sink.finish()
        return dir
    }


    /// Every file in `dir` with its bytes (for byte-identity checks).
    static func snapshot(_ dir: String) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: Fixtures.listing(dir).map { ($0, Fixtures.read(dir + "/" + $0)) })
    }
}
