import Testing
import TextmillJSON
import TextmillTestSupport

/// Train/serve parity: for every document of the bundled corpora, the `process` reply's record
/// is byte for byte the line `textmill run` writes with the same preset.
@Suite struct ParityTests {
    static let corpora = Fixtures.corpusFiles + [Fixtures.path("corpora/mixed.jsonl")]

    @Test(arguments: ["icu-words", "chat"])
    func processRepliesEqualRunRecords(preset: String) async throws {
        let run = TextmillBinary.run(["run"] + Self.corpora + ["-o", "-", "--preset", preset, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = run.stdoutLines
        let documents = Self.corpora.flatMap(Fixtures.lines)
        #expect(expected.count == documents.count)

        let harness = try await ServerHarness.start(preset: preset)
        let client = harness.client()
        let writer = Thread {
            var batch = ""
            for (i, document) in documents.enumerated() {
                batch += #"{"jsonrpc":"2.0","id":\#(i),"method":"process","params":\#(document)}"# + "\n"
                if batch.utf8.count > 1 << 16 { client.send(batch); batch = "" }
            }
            client.send(batch)
        }
        writer.start()
        var records = [String?](repeating: nil, count: documents.count)
        for line in client.readLines(documents.count, timeout: 60) {
            guard let id = Reply.parse(line)["id"]?.intValue, id >= 0, id < records.count else { continue }
            records[id] = Reply.rawResult(line)
        }
        writer.join()
        var mismatches = 0
        for (i, record) in records.enumerated() where i < expected.count && record != expected[i] {
            mismatches += 1
            if mismatches <= 3 { Issue.record("document \(i): server \(record ?? "nil")\nrun    \(expected[i])") }
        }
        #expect(mismatches == 0)
        await harness.stop()
    }
}
