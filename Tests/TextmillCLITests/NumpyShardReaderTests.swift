import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The shards read by numpy memmaps the way each trainer's loader reads them
/// (scripts/shards/check_shards.py) hold the JSONL run's ids. Runs only where
/// `scripts/shards/setup-venv.sh` made the pinned venv (`make shards-numpy`); `make test` needs no Python.
@Suite(.enabled(if: access(Fixtures.path("scripts/shards/.venv/bin/python"), X_OK) == 0, "no scripts/shards/.venv: make shards-numpy"))
struct NumpyShardReaderTests {
    static let python = Fixtures.path("scripts/shards/.venv/bin/python")

    /// What check_shards.py prints for a dataset.
    static func numpyView(_ format: String, _ dir: String) throws -> JSONValue {
        let out = dir + ".numpy.json"
        let status = system("'\(python)' '\(Fixtures.path("scripts/shards/check_shards.py"))' \(format) '\(dir)' > '\(out)'")
        #expect(status == 0)
        return try JSONValue.parse(Fixtures.read(out))
    }

    static func ids(_ value: JSONValue?) -> [UInt32] { (value?.arrayValue ?? []).map { UInt32($0.intValue!) } }

    @Test(arguments: ShardOutputTests.formats, [false, true])
    func numpyReadsWhatTheJSONLSays(_ format: String, largeVocabulary: Bool) throws {
        let dir = TextmillBinary.temporaryDirectory()
        var arguments = [ShardOutputTests.corpus, "--preset", "bert-wordpiece"]
        var sep = ShardOutputTests.sep
        if largeVocabulary {
            let small = String(decoding: Fixtures.read(Fixtures.path("models/wordpiece/textmill-small-vocab.txt")), as: UTF8.self)
            TextmillBinary.write(dir + "/big.txt", Array(((0..<66_000).map { "[unused\($0)]\n" }.joined() + small).utf8))
            arguments += ["--vocab", dir + "/big.txt"]
            sep += 66_000
        }
        let want = try ShardOutputTests.jsonlIDs(arguments).map { $0! }
        let result = TextmillBinary.run(
            ["run"] + arguments + ["--output-format", format, "--output-dir", dir + "/out", "--val-docs", "15", "--shard-tokens", "4K",
                                   "--workers", "1", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let view = try Self.numpyView(format, dir + "/out")
        let docs = want.map { $0 + [sep] }
        for (split, expected) in [("val", Array(docs.prefix(15))), ("train", Array(docs.dropFirst(15)))] {
            if format == "llmc" || format == "nanogpt" {
                #expect(Self.ids(view[split]) == expected.flatMap { $0 }, "\(format) \(split)")
            } else {
                #expect((view[split]?.arrayValue ?? []).map(Self.ids) == expected, "\(format) \(split)")
            }
        }
    }
}
