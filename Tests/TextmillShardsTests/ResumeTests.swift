import Testing
import TextmillJSON
import TextmillShards
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// An interrupted dataset, continued with `resume`, is byte-identical to one written in one go.
@Suite struct ResumeTests {
    func shardFiles(_ dir: String) -> [String: [UInt8]] {
        ShardTesting.snapshot(dir).filter { $0.key != "manifest.json" }
    }

    /// Writes the first `stopAfter` documents and drops the sink without finishing or suspending
    /// (what a SIGKILL leaves: completed shards, the manifest, an open shard's temporary files),
    /// then resumes and writes the rest from the sink's skip point.
    func interruptAndResume(
        _ docs: [ShardDocument], stopAfter: Int, _ make: @escaping (String) -> TokenShardOptions
    ) throws -> (String, Int) {
        let dir = TextmillBinary.temporaryDirectory()
        do {
            let sink = try TokenShardSink(directory: dir, options: make(dir))
            for d in docs.prefix(stopAfter) { try sink.write(d) }
        }
        #expect(Fixtures.listing(dir).contains { $0.hasSuffix(".tmp") }, "\(Fixtures.listing(dir))")
        let resumed = try TokenShardSink.resume(directory: dir, options: make(dir))
        let skip = resumed.resumeSkip
        for d in docs[skip...] { try resumed.write(d) }
        try resumed.finish()
        return (dir, skip)
    }

    @Test(arguments: [ShardFormat.llmc, .nanogpt, .megatron, .datatrove])
    func resumeAfterKillIsByteIdentical(_ format: ShardFormat) throws {
        var docs = ShardTesting.documents(400)
        docs[130] = ShardDocument(ordinal: 130, errorRecord: Array(#"{"id":131,"error":{"code":"invalid_json"}}"#.utf8))
        docs[250] = ShardDocument(ordinal: 250, errorRecord: Array(#"{"id":251,"error":{"code":"invalid_json"}}"#.utf8))
        let make = { (dir: String) in
            ShardTesting.options(format, in: dir, shardTokens: 700, validation: .fraction(0.2, seed: 3))
        }
        let whole = try ShardTesting.write(docs, make)
        let (resumed, skip) = try interruptAndResume(docs, stopAfter: 260, make)
        #expect(skip > 0 && skip < 260)
        #expect(shardFiles(resumed) == shardFiles(whole))
        #expect(shardFiles(resumed).keys.sorted() == shardFiles(whole).keys.sorted())
        #expect(String(decoding: Fixtures.read(resumed + "/errors.jsonl"), as: UTF8.self).split(separator: "\n").count == 2)
    }

    @Test func resumeWithShufflingIsByteIdentical() throws {
        let docs = ShardTesting.documents(400)
        let make = { (dir: String) in ShardTesting.options(.megatron, in: dir, shardTokens: 900, shuffleSeed: 9) }
        let whole = try ShardTesting.write(docs, make)
        let (resumed, _) = try interruptAndResume(docs, stopAfter: 337, make)
        #expect(shardFiles(resumed) == shardFiles(whole))
        #expect(!Fixtures.listing(resumed).contains { $0.hasPrefix(".") })
    }

    @Test func resumeAfterSuspendIsByteIdentical() throws {
        // SIGINT/SIGTERM: the run suspends (open shards' temporary files removed), then resumes.
        let docs = ShardTesting.documents(300)
        let make = { (dir: String) in ShardTesting.options(.llmc, in: dir, shardTokens: 600, validation: .firstDocuments(30)) }
        let whole = try ShardTesting.write(docs, make)
        let dir = TextmillBinary.temporaryDirectory()
        do {
            let sink = try TokenShardSink(directory: dir, options: make(dir))
            for d in docs.prefix(200) { try sink.write(d) }
            sink.suspend()
        }
        #expect(!Fixtures.listing(dir).contains { $0.hasSuffix(".tmp") })
        let resumed = try TokenShardSink.resume(directory: dir, options: make(dir))
        for d in docs[resumed.resumeSkip...] { try resumed.write(d) }
        try resumed.finish()
        #expect(shardFiles(dir) == shardFiles(whole))
    }

    @Test func rejectedDocumentsGoToNoSplitAndSurviveAResume() throws {
        var docs = ShardTesting.documents(300)
        for i in stride(from: 7, to: 300, by: 13) {
            docs[i] = ShardDocument(ordinal: i, rejectedRecord: Array(#"{"rejected":{"reasons":["language"]},"id":\#(i)}"#.utf8))
        }
        let make = { (dir: String) in
            var options = ShardTesting.options(.datatrove, in: dir, shardTokens: 500)
            options.rejectedPath = dir + "/rejected.jsonl"
            return options
        }
        let whole = try ShardTesting.write(docs, make)
        let kept = docs.filter { $0.rejectedRecord == nil }.map { $0.ids + [ShardTesting.eos] }
        let names = Fixtures.listing(whole).filter { $0.hasSuffix(".ds") }
        #expect(names.flatMap { ShardLayoutReaders.documents(ShardLayoutReaders.datatrove(whole + "/" + $0)) } == kept)
        let rejectedLines = String(decoding: Fixtures.read(whole + "/rejected.jsonl"), as: UTF8.self).split(separator: "\n")
        #expect(rejectedLines.count == 23)
        let manifest = try JSONValue.parse(Fixtures.read(whole + "/manifest.json"))
        #expect(manifest["rejected"]?["count"]?.intValue == 23)
        let (resumed, _) = try interruptAndResume(docs, stopAfter: 250, make)
        #expect(shardFiles(resumed) == shardFiles(whole))
    }

    @Test func resumeRefusesOtherOptions() throws {
        let dir = TextmillBinary.temporaryDirectory()
        do {
            let sink = try TokenShardSink(directory: dir, options: ShardTesting.options(.llmc, in: dir, shardTokens: 100))
            for d in ShardTesting.documents(30) { try sink.write(d) }
        }
        #expect(throws: ShardError.self) {
            try TokenShardSink.resume(directory: dir, options: ShardTesting.options(.llmc, in: dir, shardTokens: 200))
        }
        _ = try TokenShardSink.resume(directory: dir, options: ShardTesting.options(.llmc, in: dir, shardTokens: 100))
    }

    @Test func aCompleteDatasetCannotBeResumed() throws {
        let dir = try ShardTesting.write(ShardTesting.documents(10)) { ShardTesting.options(.nanogpt, in: $0) }
        #expect(throws: ShardError.self) { try TokenShardSink.resume(directory: dir, options: ShardTesting.options(.nanogpt, in: dir)) }
    }
}
