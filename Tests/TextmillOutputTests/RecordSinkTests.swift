import Testing
import TextmillDocuments
import TextmillOutput
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct RecordSinkTests {
    /// `count` JSONL lines `{"n":i}` from `first`, as one chunk's records.
    func records(_ first: Int, _ count: Int) -> [UInt8] {
        Array((first..<(first + count)).map { "{\"n\":\($0)}\n" }.joined().utf8)
    }

    func text(_ path: String) -> String { String(decoding: Fixtures.read(path), as: UTF8.self) }

    /// Failures at `positions` (sinks route by position; the reason is not theirs to read).
    func failed(_ positions: Int...) -> [DocumentFailure] {
        positions.map { DocumentFailure(position: $0, error: DocumentError(.invalidJSON, "line \($0)")) }
    }

    func gunzip(_ path: String) -> String {
        let out = path + ".plain"
        #expect(system("gzip -dc '\(path)' > '\(out)'") == 0)
        return text(out)
    }


    @Test func aGzipFileAppearsOnlyWhenFinishedAndDecompressesToTheRecords() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = dir + "/out.jsonl.gz"
        let sink = try makeRecordSink(.file(path))
        try sink.write(records: records(0, 3), failures: [])
        try sink.write(records: Array(repeating: UInt8(ascii: "x"), count: 300_000) + [0x0A], failures: [])
        #expect(Fixtures.listing(dir).allSatisfy { $0.hasPrefix("out.jsonl.gz.tmp-") })
        try sink.finish()
        #expect(Fixtures.listing(dir) == ["out.jsonl.gz"])
        let plain = gunzip(path)
        #expect(plain.hasPrefix("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\nxxx"))
        #expect(plain.utf8.count == 24 + 300_001)
        #expect(sink.bytesWritten == Int(Fixtures.read(path).count))
        #expect(sink.bytesWritten < 2000)
    }

    @Test func shardsHoldNDocumentsEachAcrossChunkBoundaries() throws {
        let dir = TextmillBinary.temporaryDirectory() + "/shards"
        let sink = try makeRecordSink(.shards(directory: dir, docsPerShard: 4, gzip: false))
        try sink.write(records: records(0, 3), failures: [])
        try sink.write(records: records(3, 6), failures: [])
        // Complete shards are in place before the run ends; the open one is hidden.
        #expect(Fixtures.listing(dir).filter { !$0.hasPrefix(".") } == ["part-00000.jsonl", "part-00001.jsonl"])
        #expect(Fixtures.listing(dir).contains { $0.hasPrefix(".part-00002.jsonl.tmp-") })
        try sink.write(records: records(9, 1), failures: [])
        try sink.finish()
        #expect(Fixtures.listing(dir) == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"])
        #expect(text(dir + "/part-00000.jsonl") == String(decoding: records(0, 4), as: UTF8.self))
        #expect(text(dir + "/part-00001.jsonl") == String(decoding: records(4, 4), as: UTF8.self))
        #expect(text(dir + "/part-00002.jsonl") == String(decoding: records(8, 2), as: UTF8.self))
    }

    @Test func gzipShardsAndAnEmptyRunLeavesOneEmptyShard() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let sink = try makeRecordSink(.shards(directory: dir, docsPerShard: 2, gzip: true))
        try sink.write(records: records(0, 3), failures: [])
        try sink.finish()
        #expect(Fixtures.listing(dir) == ["part-00000.jsonl.gz", "part-00001.jsonl.gz"])
        #expect(gunzip(dir + "/part-00001.jsonl.gz") == "{\"n\":2}\n")

        let empty = TextmillBinary.temporaryDirectory()
        let none = try makeRecordSink(.shards(directory: empty, docsPerShard: 2, gzip: false))
        try none.finish()
        #expect(Fixtures.listing(empty) == ["part-00000.jsonl"])
        #expect(text(empty + "/part-00000.jsonl").isEmpty)
    }

    @Test func aDirectoryWithEarlierShardsIsRefused() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/part-00000.jsonl", [])
        #expect { try makeRecordSink(.shards(directory: dir, docsPerShard: 2, gzip: false)) } throws: { error in
            (error as? OutputError)?.message.contains("part-00000.jsonl") == true
        }
    }

    @Test func errorRecordsAreRoutedByPosition() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let sink = try makeRecordSink(.file(dir + "/out.jsonl"), errors: dir + "/errors.jsonl")
        try sink.write(records: records(0, 5), failures: failed(3, 0))
        try sink.write(records: records(5, 2), failures: [])
        try sink.write(records: records(7, 2), failures: failed(1))
        try sink.finish()
        #expect(text(dir + "/out.jsonl") == "{\"n\":1}\n{\"n\":2}\n{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n{\"n\":7}\n")
        #expect(text(dir + "/errors.jsonl") == "{\"n\":0}\n{\"n\":3}\n{\"n\":8}\n")
    }

    @Test func abandonRemovesTemporaryFilesButKeepsFinishedShards() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let sink = try makeRecordSink(.shards(directory: dir, docsPerShard: 2, gzip: false), errors: dir + "/errors.jsonl")
        try sink.write(records: records(0, 3), failures: [])
        sink.abandon()
        #expect(Fixtures.listing(dir) == ["part-00000.jsonl"])
    }

    @Test func metadataGoesBesideTheOutput() {
        #expect(OutputDestination.file("a/out.jsonl.gz").metadataPath == "a/out.jsonl.gz.meta.json")
        #expect(OutputDestination.file("-").metadataPath == nil)
        #expect(OutputDestination.shards(directory: "d", docsPerShard: 1, gzip: false).metadataPath == "d/meta.json")
    }
}
