import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `run`/`inspect` with `--tokenizer`, the cl100k preset, and `decode`, through the built binary, against
/// tiktoken's ids (the committed fixtures) with OpenAI's cl100k ranks (`make tokenizer-data`).
@Suite struct TokenizerCommandTests {
    static let ranks = Fixtures.path("models/tokenizers/cl100k_base.tiktoken")

    static func requireRanks() -> Bool {
        if access(ranks, R_OK) == 0 { return true }
        Issue.record("\(ranks) is missing: run `make tokenizer-data` (the tokenizer tests need OpenAI's cl100k ranks)")
        return false
    }

    static func records(_ result: TextmillBinary.Result) throws -> [JSONValue] {
        try result.stdoutLines.filter { !$0.isEmpty }.map { try JSONValue.parse($0) }
    }

    @Test func runWithTwoWorkersGivesTiktokenIdsForACorpus() throws {
        guard Self.requireRanks() else { return }
        let dir = TextmillBinary.temporaryDirectory()
        let result = TextmillBinary.run(["run", "corpora/ja.jsonl", "corpora/th.jsonl", "--tokenizer", Self.ranks,
                                         "--workers", "2", "-o", dir + "/out.jsonl", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = Fixtures.lines(dir + "/out.jsonl").filter { !$0.isEmpty }.map { try! JSONValue.parse($0) }
        var expected: [(count: Int, hash: String)] = []
        for line in Fixtures.lines(Fixtures.path("Tests/Fixtures/parity/tiktoken-corpus-cl100k_base.jsonl")) where !line.isEmpty {
            let row = try JSONValue.parse(line)
            // Fixture lines are in corpus order: en, de, ru, it, zh, ja, th — ja then th, as run above.
            guard ["corpora/ja.jsonl", "corpora/th.jsonl"].contains(row["corpus"]!.stringValue!) else { continue }
            let counts = row["counts"]!.arrayValue!.map { $0.intValue! }
            let hashes = row["fnv64"]!.arrayValue!.map { $0.stringValue! }
            expected += zip(counts, hashes).map { ($0, $1) }
        }
        #expect(output.count == 600 && expected.count == 600)
        var mismatches = 0
        for (record, reference) in zip(output, expected) {
            let ids = record["ids"]!.arrayValue!.map { UInt32($0.intValue!) }
            if ids.count != reference.count || TokenIDHash.fnv64(ids) != reference.hash { mismatches += 1 }
            #expect(record.objectValue!.map(\.key) == ["id", "ids"])  // tiktoken's default fields
        }
        #expect(mismatches == 0)
    }

    @Test func fieldsAllowedSpecialAndOffsets() throws {
        guard Self.requireRanks() else { return }
        let text = "Hello wörld 😀 <|endoftext|>"
        let ordinary = TextmillBinary.run(["inspect", "--preset", "cl100k", text])
        #expect(ordinary.status == 0, "\(ordinary.stderr)")
        #expect(ordinary.stdoutLines.first == #"{"id":1,"ids":[9906,289,9603,509,91416,83739,8862,728,428,91,29]}"#)
        let special = TextmillBinary.run(["inspect", "--tokenizer", Self.ranks, "--allowed-special", "all",
                                          "--fields", "id,ids,tokens,offsets,special_tokens_mask", text])
        #expect(special.status == 0, "\(special.stderr)")
        #expect(special.stdoutLines.first == #"{"id":1,"ids":[9906,289,9603,509,91416,220,100257],"tokens":["Hello"," w","ör","ld"," 😀"," ","<|endoftext|>"],"offsets":[[0,5],[5,7],[7,9],[9,11],[11,13],[13,14],[14,27]],"special_tokens_mask":[0,0,0,0,0,0,1]}"#)
        let utf8 = TextmillBinary.run(["inspect", "--tokenizer", Self.ranks, "--fields", "ids,offsets", "--offsets", "utf8", "wörld"])
        #expect(utf8.stdoutLines.first == #"{"ids":[86,9603,509],"offsets":[[0,1],[1,4],[4,6]]}"#)
    }

    /// After a cleaner the tokenizer sees the cleaned text, and offsets still point into the original:
    /// " b" covers the three spaces collapse_whitespace made one, "\n" the three newlines.
    @Test func offsetsAfterACleanerPointIntoTheOriginal() throws {
        guard Self.requireRanks() else { return }
        let dir = TextmillBinary.temporaryDirectory()
        let config = dir + "/collapse.json"
        TextmillBinary.write(config, Array(#"{"version":1,"stages":[{"type":"collapse_whitespace"},{"type":"tokenizer","file":"\#(Self.ranks)"}],"output":{"fields":["id","tokens","offsets"]}}"#.utf8))
        let result = TextmillBinary.run(["inspect", "--config", config, "a   b\n\n\nc"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.first == #"{"id":1,"tokens":["a"," b","\n","c"],"offsets":[[0,1],[1,5],[5,8],[8,9]]}"#)
    }

    @Test func decodeRoundTripsRunOutput() throws {
        guard Self.requireRanks() else { return }
        let dir = TextmillBinary.temporaryDirectory()
        let run = TextmillBinary.run(["run", "corpora/de.jsonl", "--preset", "cl100k", "-o", dir + "/ids.jsonl", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let decoded = TextmillBinary.run(["decode", "--tokenizer", Self.ranks, "--input", dir + "/ids.jsonl"])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        let originals = Fixtures.lines(Fixtures.path("corpora/de.jsonl")).filter { !$0.isEmpty }.map { try! JSONValue.parse($0) }
        let texts = try Self.records(decoded)
        #expect(texts.count == originals.count)
        for (original, back) in zip(originals, texts) {
            #expect(back["id"] == original["id"])
            #expect(back["text"] == original["text"])
        }
        let arguments = TextmillBinary.run(["decode", "--tokenizer", Self.ranks, "9906,11", "4435", "0", "100257"])
        #expect(arguments.stdoutText == "Hello, World!<|endoftext|>\n")
        let skipped = TextmillBinary.run(["decode", "--tokenizer", Self.ranks, "--skip-special-tokens", "9906", "100257"])
        #expect(skipped.stdoutText == "Hello\n")
        let bad = TextmillBinary.run(["decode", "--tokenizer", Self.ranks], stdin: Array("{\"id\":1,\"ids\":[1]}\n{\"id\":2}\n".utf8))
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("standard input:2: no \"ids\" array"))
        let unknownArgument = TextmillBinary.run(["decode", "--tokenizer", Self.ranks, "9906", "999999"])
        #expect(unknownArgument.status == 2)
        #expect(unknownArgument.stderr.contains("id 999999 is not in"))
        let unknownLine = TextmillBinary.run(["decode", "--tokenizer", Self.ranks], stdin: Array("{\"id\":1,\"ids\":[9906]}\n{\"id\":2,\"ids\":[9906,999999]}\n".utf8))
        #expect(unknownLine.status == 1)
        #expect(unknownLine.stderr.contains("standard input:2: id 999999 is not in"))
        #expect(unknownLine.stdoutText == "{\"id\":1,\"text\":\"Hello\"}\n")
    }

    @Test func badTokenizerArgumentsExitTwoWithAClearMessage() throws {
        guard Self.requireRanks() else { return }
        let unknown = TextmillBinary.run(["inspect", "--tokenizer", Self.ranks, "--tiktoken-pattern", "cl200k_base", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("not a known tiktoken encoding"))
        let missing = TextmillBinary.run(["inspect", "--tokenizer", "/nonexistent/tok.json", "x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/tok.json"))
        let notATokenizer = TextmillBinary.run(["inspect", "--tokenizer", Fixtures.path("models/stopwords/en.txt"), "x"])
        #expect(notATokenizer.status == 2)
        #expect(notATokenizer.stderr.contains("not a tokenizer file"))
        let noStage = TextmillBinary.run(["inspect", "--preset", "icu-words", "--tokenizer", Self.ranks, "x"])
        #expect(noStage.status == 2)
        #expect(noStage.stderr.contains("has no tokenizer stage"))
        let dir = TextmillBinary.temporaryDirectory()
        let config = dir + "/bad.json"
        TextmillBinary.write(config, Array(#"{"version":1,"stages":[{"type":"tokenizer","file":"\#(Self.ranks)","allowed_special":"some"}]}"#.utf8))
        let badOption = TextmillBinary.run(["inspect", "--config", config, "x"])
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("stages[0].allowed_special"))
    }

    @Test func serverEncodesDecodesAndCountsWithThePipelinesTokenizer() throws {
        guard Self.requireRanks() else { return }
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/t.sock"
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "1", "--preset", "cl100k"])
        defer { server.signal(SIGTERM); _ = server.wait() }
        #expect(server.waitForFile(socket, timeout: 120), "\(server.stderr)")
        let client = try #require(LineClient("unix:" + socket))
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"count_tokens","params":{"text":"Hello, World!"}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":2,"method":"encode","params":{"text":"Hello, World!","tokens":true}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":3,"method":"decode","params":{"ids":[9906,11,4435,0,100257],"skip_special_tokens":true}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":4,"method":"decode","params":{"ids":["x"]}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":5,"method":"count_tokens","params":{}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":6,"method":"decode","params":{"ids":[9906,999999]}}"# + "\n")
        let replies = client.readLines(6, timeout: 60)
        #expect(replies == [
            #"{"jsonrpc":"2.0","id":1,"result":{"count":4}}"#,
            #"{"jsonrpc":"2.0","id":2,"result":{"ids":[9906,11,4435,0],"count":4,"tokens":["Hello",","," World","!"]}}"#,
            #"{"jsonrpc":"2.0","id":3,"result":{"text":"Hello, World!"}}"#,
            #"{"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"params.ids[0] is not a token id"}}"#,
            #"{"jsonrpc":"2.0","id":5,"error":{"code":-32602,"message":"params.text must be a string"}}"#,
            #"{"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"params.ids[1]: 999999 is not in the tokenizer's vocabulary"}}"#,
        ])
    }

    @Test func serverWithoutATokenizerSaysSo() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/w.sock"
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "1", "--preset", "icu-words"])
        defer { server.signal(SIGTERM); _ = server.wait() }
        #expect(server.waitForFile(socket, timeout: 120), "\(server.stderr)")
        let client = try #require(LineClient("unix:" + socket))
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"encode","params":{"text":"x"}}"# + "\n")
        let reply = try JSONValue.parse(client.readLine(timeout: 60) ?? "")
        #expect(reply["error"]?["code"]?.intValue == -32600)
        #expect(reply["error"]?["message"]?.stringValue?.contains("no tokenizer stage") == true)
    }
}
