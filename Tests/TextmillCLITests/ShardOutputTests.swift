import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `run --output-format`: the shards, read back with readers written from the layouts, hold
/// exactly the ids of the same run's JSONL output, document by document.
@Suite struct ShardOutputTests {
    typealias R = ShardLayoutReaders
    static let corpus = Fixtures.path("corpora/en.jsonl")
    /// `[SEP]` in the bundled WordPiece vocabulary: the default end-of-text token.
    static let sep: UInt32 = 3
    static let cls: UInt32 = 2
    static let formats = ["llmc", "nanogpt", "megatron", "datatrove"]

    /// The `ids` of each JSONL record of a run (nil for an error record).
    static func jsonlIDs(_ arguments: [String]) throws -> [[UInt32]?] {
        let result = TextmillBinary.run(["run"] + arguments + ["-o", "-", "--quiet", "--workers", "1"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return try result.stdoutLines.map { line in
            let record = try JSONValue.parse(line)
            return record["ids"]?.arrayValue?.map { UInt32($0.intValue!) }
        }
    }

    /// The documents of every shard of `split` in `dir`, in name order.
    static func documents(_ format: String, _ dir: String, split: String = "train", eos: UInt32 = sep) -> [[UInt32]] {
        let names = Fixtures.listing(dir).filter { $0.hasPrefix(split) }
        switch format {
        case "llmc":
            return names.flatMap { R.splitAfter(eos, R.llmc(dir + "/" + $0).tokens) }
        case "nanogpt":
            return names.flatMap { R.splitAfter(eos, R.raw(dir + "/" + $0, width: 2)) }
        case "megatron":
            return names.filter { $0.hasSuffix(".bin") }.flatMap { R.megatron(dir + "/" + $0.dropLast(4)).documents.map { $0.flatMap { $0 } } }
        default:
            return names.filter { $0.hasSuffix(".ds") }.flatMap { R.documents(R.datatrove(dir + "/" + $0)) }
        }
    }


    /// Splitting llm.c/nanoGPT streams on EOS cuts after WordPiece's own trailing `[SEP]` too;
    /// the expected documents are cut the same way.
    static func expected(_ ids: [[UInt32]], format: String, eos: UInt32 = sep) -> [[UInt32]] {
        let docs = ids.map { $0 + [eos] }
        if format == "llmc" || format == "nanogpt" { return R.splitAfter(eos, docs.flatMap { $0 }) }
        return docs
    }

    @Test(arguments: formats)
    func shardsHoldTheJSONLIds(_ format: String) throws {
        let want = try Self.jsonlIDs([Self.corpus, "--preset", "bert-wordpiece"]).map { $0! }
        let dir = TextmillBinary.temporaryDirectory() + "/out"
        let result = TextmillBinary.run([
            "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", format, "--output-dir", dir,
            "--workers", "2", "--chunk-docs", "7", "--shard-tokens", "5K",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("shards: "))
        #expect(Fixtures.listing(dir).filter { $0.hasPrefix("train") && !$0.hasSuffix(".idx") && !$0.contains(".ds.") }.count > 2)
        #expect(Self.documents(format, dir) == Self.expected(want, format: format))
        let manifest = try JSONValue.parse(Fixtures.read(dir + "/manifest.json"))
        #expect(manifest["state"]?.stringValue == "complete")
        #expect(manifest["splits"]?.arrayValue?.first?["documents"]?.intValue == want.count)
    }

    @Test func bosValidationAndShuffle() throws {
        let want = try Self.jsonlIDs([Self.corpus, "--preset", "bert-wordpiece"]).map { $0! }
        let dir = TextmillBinary.temporaryDirectory() + "/out"
        let result = TextmillBinary.run([
            "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "megatron", "--output-dir", dir,
            "--val-docs", "20", "--bos", "--eos-token", "[MASK]", "--shuffle-seed", "5", "--shard-tokens", "4000", "--quiet", "--workers", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let mask: UInt32 = 4
        let val = Self.documents("megatron", dir, split: "val")
        let train = Self.documents("megatron", dir, split: "train")
        let wrap = { (ids: [UInt32]) in [Self.cls] + ids + [mask] }
        #expect(val.sorted { $0.lexicographicallyPrecedes($1) } == want.prefix(20).map(wrap).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(train.sorted { $0.lexicographicallyPrecedes($1) } == want.dropFirst(20).map(wrap).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(train != want.dropFirst(20).map(wrap), "the documents are shuffled")
        // The same seed gives the same bytes.
        let again = TextmillBinary.temporaryDirectory() + "/out"
        _ = TextmillBinary.run([
            "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "megatron", "--output-dir", again,
            "--val-docs", "20", "--bos", "--eos-token", "[MASK]", "--shuffle-seed", "5", "--shard-tokens", "4000", "--quiet", "--workers", "1",
        ])
        for name in Fixtures.listing(dir) where name.hasSuffix(".bin") || name.hasSuffix(".idx") {
            #expect(Fixtures.read(dir + "/" + name) == Fixtures.read(again + "/" + name), "\(name)")
        }
    }

    @Test func errorDocumentsAreCountedAndKept() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/in.jsonl", Array("{\"text\":\"hello world\"}\nnot json\n{\"text\":\"again\"}\n{\"id\":7}\n".utf8))
        let result = TextmillBinary.run([
            "run", dir + "/in.jsonl", "--preset", "bert-wordpiece", "--output-format", "datatrove", "--output-dir", dir + "/out", "--workers", "1",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("2 errors"))
        let errors = String(decoding: Fixtures.read(dir + "/out/errors.jsonl"), as: UTF8.self).split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors.first?.contains("invalid_json") == true)
        #expect(errors.last?.contains("missing_text") == true)
        #expect(Self.documents("datatrove", dir + "/out").count == 2)
        let manifest = try JSONValue.parse(Fixtures.read(dir + "/out/manifest.json"))
        #expect(manifest["errors"]?["count"]?.intValue == 2)
        let inspect = TextmillBinary.run(["shards", "inspect", dir + "/out"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdoutText.contains("datatrove, uint16"))
        #expect(inspect.stdoutText.contains("train: 1 shard, "))
        #expect(inspect.stdoutText.contains("hello world"))
        #expect(inspect.stdoutText.contains("errors: 2"))
    }

    @Test(arguments: formats)
    func emptyInput(_ format: String) throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/empty.jsonl", [])
        let result = TextmillBinary.run([
            "run", dir + "/empty.jsonl", "--preset", "bert-wordpiece", "--output-format", format, "--output-dir", dir + "/out", "--quiet", "--workers", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.documents(format, dir + "/out").isEmpty)
        #expect(Fixtures.listing(dir + "/out").contains { $0.hasPrefix("train") })
    }

    @Test func vocabularyAbove65536SwitchesTokenType() throws {
        // The bundled vocabulary behind 70,000 filler tokens: every real id is above 65,535.
        let dir = TextmillBinary.temporaryDirectory()
        let small = String(decoding: Fixtures.read(Fixtures.path("models/wordpiece/textmill-small-vocab.txt")), as: UTF8.self)
        let big = (0..<70_000).map { "[unused\($0)]\n" }.joined() + small
        TextmillBinary.write(dir + "/big.txt", Array(big.utf8))
        let arguments = [Self.corpus, "--preset", "bert-wordpiece", "--vocab", dir + "/big.txt"]
        let want = try Self.jsonlIDs(arguments).map { $0! }
        #expect(want.joined().allSatisfy { $0 >= 70_000 })
        let sep = Self.sep + 70_000
        for format in Self.formats {
            let out = dir + "/" + format
            let result = TextmillBinary.run(["run"] + arguments + ["--output-format", format, "--output-dir", out, "--quiet", "--workers", "1"])
            #expect(result.status == 0, "\(result.stderr)")
            switch format {
            case "llmc":
                let shard = R.llmc(out + "/train_000000.bin")
                #expect(shard.magic == 20_240_801 && shard.version == 7)
                #expect(R.splitAfter(sep, shard.tokens) == Self.expected(want, format: format, eos: sep))
            case "nanogpt":
                #expect(R.splitAfter(sep, R.raw(out + "/train.bin", width: 4)) == Self.expected(want, format: format, eos: sep))
            case "megatron":
                let shard = R.megatron(out + "/train_00000")
                #expect(shard.code == 4)
                #expect(shard.documents.map { $0.flatMap { $0 } } == Self.expected(want, format: format, eos: sep))
            default:
                let shard = R.datatrove(out + "/train_00000.ds")
                #expect(shard.metadata.hasPrefix(dir + "/big.txt|4\n"))
                #expect(R.documents(shard) == Self.expected(want, format: format, eos: sep))
            }
        }
    }

    @Test func resumeAfterSIGKILLIsByteIdentical() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let line = Array(String(decoding: Fixtures.read(Self.corpus), as: UTF8.self).split(separator: "\n").prefix(40).joined(separator: "\n").utf8) + [0x0A]
        TextmillBinary.write(dir + "/in.jsonl", Array((0..<60).map { _ in line }.joined()))
        let options = ["--preset", "bert-wordpiece", "--output-format", "megatron", "--shard-tokens", "20K", "--val-fraction", "0.05",
                       "--workers", "2", "--chunk-docs", "16", "--quiet"]
        let clean = TextmillBinary.run(["run", dir + "/in.jsonl", "--output-dir", dir + "/clean"] + options)
        #expect(clean.status == 0, "\(clean.stderr)")
        let script = """
            cd '\(dir)'
            '\(TextmillBinary.path)' run in.jsonl --output-dir out \(options.joined(separator: " ")) &
            pid=$!
            ( sleep 240; kill -9 $pid 2>/dev/null ) </dev/null >/dev/null 2>&1 & watchdog=$!
            # Kill once the first shards are complete, while later ones are being written.
            for i in $(seq 1 4000); do [ -e out/train_00002.bin ] && break; sleep 0.01; done
            kill -KILL $pid; wait $pid; status=$?
            kill $watchdog 2>/dev/null
            exit $status
            """
        #expect(system(script) >> 8 == 137)
        let killed = Fixtures.listing(dir + "/out")
        #expect(killed.contains { $0.hasSuffix(".tmp") }, "killed mid-shard: \(killed)")
        #expect(!killed.contains("train_00012.bin"), "the kill came too late to test anything")
        let resumed = TextmillBinary.run(["run", dir + "/in.jsonl", "--output-dir", dir + "/out", "--resume"] + options)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let shards = Fixtures.listing(dir + "/clean").filter { $0.hasSuffix(".bin") || $0.hasSuffix(".idx") }
        #expect(shards.count > 10)
        #expect(Fixtures.listing(dir + "/out").filter { $0.hasSuffix(".bin") || $0.hasSuffix(".idx") } == shards)
        for name in shards { #expect(Fixtures.read(dir + "/out/" + name) == Fixtures.read(dir + "/clean/" + name), "\(name)") }
        #expect(!Fixtures.listing(dir + "/out").contains { $0.hasPrefix(".") })
        // A finished dataset is not resumed again, and other options are refused.
        let other = TextmillBinary.run(["run", dir + "/in.jsonl", "--output-dir", dir + "/clean", "--resume"] + options)
        #expect(other.status == 2)
    }

    @Test func mergeConcatenatesDatasets() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let want = try Self.jsonlIDs([Self.corpus, "--preset", "bert-wordpiece"]).map { $0! }
        for name in ["a", "b"] {
            let r = TextmillBinary.run([
                "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "megatron", "--output-dir", dir + "/" + name,
                "--shard-tokens", "3K", "--val-docs", "10", "--quiet", "--workers", "1",
            ])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let merged = TextmillBinary.run(["shards", "merge", dir + "/a", dir + "/b", "-o", dir + "/m"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let train = R.megatron(dir + "/m/train_00000").documents.map { $0.flatMap { $0 } }
        let expected = Self.expected(Array(want.dropFirst(10)), format: "megatron")
        #expect(train == expected + expected)
        #expect(R.megatron(dir + "/m/val_00000").documents.count == 20)
        let other = TextmillBinary.run([
            "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "datatrove", "--output-dir", dir + "/c", "--quiet", "--workers", "1",
        ])
        #expect(other.status == 0)
        let refused = TextmillBinary.run(["shards", "merge", dir + "/a", dir + "/c", "-o", dir + "/n"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is datatrove"))
    }

    @Test func megatronSequencePerSentence() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let config = """
            {"version": 1, "name": "wp-sentences", "stages": [{"type": "repair_utf8"}, {"type": "sentences", "locale": "root"},
             {"type": "wordpiece", "vocab": "\(Fixtures.path("models/wordpiece/textmill-small-vocab.txt"))"}],
             "output": {"fields": ["id", "ids", "offsets", "sentences"], "offsets": "codepoints"}}
            """
        TextmillBinary.write(dir + "/config.json", Array(config.utf8))
        TextmillBinary.write(dir + "/in.jsonl", Array("{\"text\":\"Hello world. This is it! Again\"}\n{\"text\":\"One only\"}\n".utf8))
        let want = try Self.jsonlIDs([dir + "/in.jsonl", "--config", dir + "/config.json"]).map { $0! }
        let result = TextmillBinary.run([
            "run", dir + "/in.jsonl", "--config", dir + "/config.json", "--output-format", "megatron", "--output-dir", dir + "/out",
            "--split-sentences", "--workers", "1", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let shard = R.megatron(dir + "/out/train_00000")
        // [CLS] hell ##o world . | this is it ! | again [SEP] + EOS: [SEP] stays with its sentence, EOS ends the last.
        #expect(shard.documents.map { $0.map(\.count) } == [[5, 4, 3], [want[1].count + 1]])
        #expect(shard.documents.map { $0.flatMap { $0 } } == want.map { $0 + [Self.sep] })
        let refused = TextmillBinary.run([
            "run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "megatron", "--output-dir", dir + "/x", "--split-sentences",
        ])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("sentences"))
    }

    @Test func llmTokenizerWithItsOwnEndOfText() throws {
        // A byte-level BPE tokenizer.json whose <|endoftext|> (id 0) is the default EOS; decoded by inspect.
        let dir = TextmillBinary.temporaryDirectory()
        let config = """
            {"version": 1, "name": "bpe", "stages": [{"type": "tokenizer", "file": "\(Fixtures.path("models/tokenizers/byte-level-bpe.json"))"}],
             "output": {"fields": ["id", "ids"]}}
            """
        TextmillBinary.write(dir + "/config.json", Array(config.utf8))
        let want = try Self.jsonlIDs([Self.corpus, "--config", dir + "/config.json"]).map { $0! }
        let result = TextmillBinary.run([
            "run", Self.corpus, "--config", dir + "/config.json", "--output-format", "llmc", "--output-dir", dir + "/out",
            "--workers", "2", "--shard-tokens", "10K", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let tokens = Fixtures.listing(dir + "/out").filter { $0.hasSuffix(".bin") }.flatMap { R.llmc(dir + "/out/" + $0).tokens }
        #expect(tokens == want.flatMap { $0 + [0] })
        let inspect = TextmillBinary.run(["shards", "inspect", dir + "/out", "--documents", "1"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdoutText.contains("llmc, uint16"))
        #expect(inspect.stdoutText.contains("This was the most unkindest cut of all.") && inspect.stdoutText.contains("<|endoftext|>"))
    }

    @Test func documentsAFilterRejectsStayOutOfTheShards() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let config = """
            {"version": 1, "name": "en-bpe", "stages": [{"type": "language"}, {"type": "filter_language", "languages": ["en"]},
             {"type": "tokenizer", "file": "\(Fixtures.path("models/tokenizers/byte-level-bpe.json"))"}], "output": {"fields": ["id", "ids"]}}
            """
        TextmillBinary.write(dir + "/config.json", Array(config.utf8))
        let english = Fixtures.lines(Self.corpus).prefix(20), german = Fixtures.lines(Fixtures.path("corpora/de.jsonl")).prefix(10)
        TextmillBinary.write(dir + "/in.jsonl", Array((Array(english.prefix(10)) + german + english.suffix(10)).map { $0 + "\n" }.joined().utf8))
        let records = try Self.jsonlIDs([dir + "/in.jsonl", "--config", dir + "/config.json"])
        #expect(records.filter { $0 == nil }.count == 10)
        let result = TextmillBinary.run([
            "run", dir + "/in.jsonl", "--config", dir + "/config.json", "--output-format", "datatrove", "--output-dir", dir + "/out",
            "--rejected", dir + "/rejected.jsonl", "--workers", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("10 rejected by filters"))
        #expect(Self.documents("datatrove", dir + "/out", eos: 0) == records.compactMap { $0 }.map { $0 + [0] })
        #expect(String(decoding: Fixtures.read(dir + "/rejected.jsonl"), as: UTF8.self).split(separator: "\n").count == 10)
    }

    @Test func usageErrors() {
        let noIDs = TextmillBinary.run(["run", Self.corpus, "--output-format", "llmc", "--output-dir", TextmillBinary.temporaryDirectory() + "/o"])
        #expect(noIDs.status == 2)
        #expect(noIDs.stderr.contains("makes no token ids"))
        let noDir = TextmillBinary.run(["run", Self.corpus, "--preset", "bert-wordpiece", "--output-format", "llmc"])
        #expect(noDir.status == 2)
        let badFormat = TextmillBinary.run(["run", Self.corpus, "--output-format", "parquet", "--output-dir", "x"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("not one of llmc, nanogpt, megatron, datatrove"))
        let stray = TextmillBinary.run(["run", Self.corpus, "--shard-tokens", "5"])
        #expect(stray.status == 2)
    }

    @Test func inspectReportsACorruptIndexInsteadOfCrashing() {
        // datatrove document ends 3, 1, 3 (found by the `shards` fuzz target): inspect once trapped on the range 3..<1.
        let dir = TextmillBinary.temporaryDirectory()
        let le = { (v: UInt64) in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
        TextmillBinary.write(dir + "/d.ds", [1, 0, 2, 0, 3, 0])
        TextmillBinary.write(dir + "/d.ds.index", le(3) + le(1) + le(3))
        TextmillBinary.write(dir + "/d.ds.metadata", Array("gpt2|2\n3\n3T".utf8))
        let inspect = TextmillBinary.run(["shards", "inspect", dir + "/d.ds"])
        #expect(inspect.status == 2, "\(inspect.stderr)")
        #expect(inspect.stderr.contains("d.ds.index: document 1 ends at token 1, before the previous document's end 3"), "\(inspect.stderr)")
    }

    @Test func inspectRefusesAManifestWhoseEOSIsNotATokenID() {
        // A hand-edited manifest with "eos": -1 once trapped inspect (UInt32 of a negative Int).
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/train.bin", [1, 0, 2, 0])
        TextmillBinary.write(dir + "/manifest.json", Array(#"{"format":"nanogpt","token_type":"uint16","options":{"eos":-1},"splits":[{"name":"train","shards":[{"files":["train.bin"]}]}]}"#.utf8))
        let inspect = TextmillBinary.run(["shards", "inspect", dir])
        #expect(inspect.status == 2, "\(inspect.stderr)")
        #expect(inspect.stderr.contains("manifest.json: options.eos -1 is not a token id"), "\(inspect.stderr)")
        // A shard file beside that manifest is still inspected, without an EOS.
        let file = TextmillBinary.run(["shards", "inspect", dir + "/train.bin"])
        #expect(file.status == 0, "\(file.stderr)")
    }

    @Test func inspectOfAMissingPathSaysItIsMissing() {
        let missing = TextmillBinary.run(["shards", "inspect", "/nonexistent/shard"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/shard: no such file"), "\(missing.stderr)")
    }
}
