import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Differential tests on generated documents (`GeneratedDocuments`, seeded): the worker-pool
/// path must write byte for byte what the in-process path writes (`--workers 1`), whatever
/// the chunking; and `serve` must answer each document with exactly `run`'s record (where
/// `run` writes a missing_text or text_not_string record, `serve` answers −32602, invalid
/// params, as docs/protocol.md says). Each seed is a different input; a failure names the
/// seed and the line.
@Suite(.serialized) struct DifferentialRunTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let presets = ["icu-words", "chat", "bert-wordpiece"]

    static func input(seed: UInt64, in dir: String) -> (GeneratedDocuments, String) {
        let documents = GeneratedDocuments(count: 120, seed: seed)
        let path = dir + "/generated-\(seed).jsonl"
        TextmillBinary.write(path, documents.jsonl)
        return (documents, path)
    }

    @Test(arguments: seeds)
    func workerPoolWritesWhatTheInProcessPathWrites(seed: UInt64) throws {
        let dir = TextmillBinary.temporaryDirectory()
        let (documents, path) = Self.input(seed: seed, in: dir)
        for preset in Self.presets {
            let reference = TextmillBinary.run(["run", path, "-o", "-", "--preset", preset, "--workers", "1", "--quiet"])
            #expect(reference.status == 1, "seed \(seed) \(preset): some generated documents must fail: \(reference.stderr)")
            #expect(reference.stdoutLines.count == documents.lines.count, "seed \(seed) \(preset): one record per line")
            for pool in [["--workers", "3", "--chunk-docs", "5"], ["--workers", "2", "--chunk-bytes", "16KiB"]] {
                let result = TextmillBinary.run(["run", path, "-o", dir + "/out.jsonl", "--preset", preset, "--quiet"] + pool)
                #expect(result.status == reference.status, "seed \(seed) \(preset) \(pool): \(result.stderr)")
                let output = Fixtures.read(dir + "/out.jsonl")
                guard output != reference.stdout else { continue }
                let lines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
                let expected = reference.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
                let first = zip(lines, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.count, expected.count)
                Issue.record("seed \(seed) \(preset) \(pool): output differs from line \(first + 1) on")
            }
        }
    }

    @Test(arguments: seeds)
    func serveRepliesWithRunsRecords(seed: UInt64) throws {
        let dir = TextmillBinary.temporaryDirectory()
        let (documents, path) = Self.input(seed: seed, in: dir)
        let preset = Self.presets[Int(seed) % Self.presets.count]
        let run = TextmillBinary.run(["run", path, "-o", "-", "--preset", preset, "--workers", "1", "--quiet"])
        let records = run.stdout.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        #expect(records.count == documents.lines.count + 1)

        let socket = dir + "/s.sock"
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "2", "--preset", preset])
        #expect(server.waitForFile(socket), "\(server.stderr)")
        let client = try #require(LineClient("unix:" + socket))
        let compared = documents.lines.indices.filter { documents.served[$0] != .notSent }
        var replies: [Int: [UInt8]] = [:]
        // A window of requests at a time: the server stops reading from a client that does not
        // read its replies, so sending everything first could block both sides.
        for window in stride(from: 0, to: compared.count, by: 16) {
            let batch = compared[window..<min(window + 16, compared.count)]
            var bytes: [UInt8] = []
            for i in batch {
                bytes += Array(#"{"jsonrpc":"2.0","id":\#(i),"method":"process","params":"#.utf8) + documents.lines[i] + Array("}\n".utf8)
            }
            #expect(client.send(bytes))
            for _ in batch {
                guard let reply = client.readLineBytes(timeout: 60) else { break }
                if let id = (try? JSONValue.parse(reply))?["id"]?.intValue { replies[id] = reply }
            }
        }
        #expect(replies.count == compared.count, "seed \(seed): \(compared.count - replies.count) replies missing")
        var mismatches = 0
        for i in compared {
            guard let reply = replies[i] else { continue }
            let record = records[i]
            // A processed document: the reply's result is the record's very bytes; a failed one:
            // error -32001 with the error record as its data.
            let prefix = Array(#"{"jsonrpc":"2.0","id":\#(i),"result":"#.utf8)
            let same: Bool
            if documents.served[i] == .invalidParams {
                let code = try JSONValue.parse(record)["error"]?["code"]?.stringValue
                same = (try JSONValue.parse(reply))["error"]?["code"]?.intValue == -32602
                    && (code == "missing_text" || code == "text_not_string")
            } else if reply.starts(with: prefix) {
                same = Array(reply[prefix.count..<(reply.count - 1)]) == record
            } else {
                let parsed = try JSONValue.parse(reply)
                let expected = try JSONValue.parse(record)
                same = parsed["error"]?["code"]?.intValue == -32001 && parsed["error"]?["data"] == expected
            }
            if !same {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("seed \(seed) \(preset) line \(i + 1):\nserve \(String(decoding: reply.prefix(300), as: UTF8.self))\nrun   \(String(decoding: record.prefix(300), as: UTF8.self))")
                }
            }
        }
        #expect(mismatches == 0)
        server.signal(SIGTERM)
        #expect(server.wait() == 0, "\(server.stderr)")
    }
}
