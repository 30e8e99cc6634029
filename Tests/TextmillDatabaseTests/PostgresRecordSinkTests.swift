import Testing
import TextmillDatabase
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run --sink postgresql://…` against a real PostgreSQL 15 started for the test
/// process (`PostgresTestCluster`): skipped, with a banner on stderr, only when PostgreSQL
/// cannot run on this machine at all.
@Suite(
    .serialized,
    .enabled(if: PostgresTestCluster.unavailableReason == nil, Comment(rawValue: PostgresTestCluster.unavailableReason ?? "")))
struct PostgresRecordSinkTests {
    let cluster: PostgresTestCluster

    init() throws {
        cluster = try PostgresTestCluster.shared.get()
    }

    func connect(_ database: String = "postgres") throws -> PostgresConnection {
        try PostgresConnection(url: PostgresURL(cluster.url(database: database)))
    }

    /// Rows of `table` that differ from the JSONL `lines` as JSON (jsonb equality), plus missing ones.
    func mismatches(_ table: String, _ lines: [String]) throws -> Int {
        let text = lines.joined(separator: "\n")
        let query = """
            SELECT count(*) FROM (SELECT ordinality AS ordinal, line::jsonb AS record
                                  FROM unnest(string_to_array($1, E'\\n')) WITH ORDINALITY AS x(line, ordinality)) expected
            FULL JOIN \(table) t USING (ordinal)
            WHERE t.record IS DISTINCT FROM expected.record
            """
        return Int(try scalar(query, [text]) ?? "") ?? -1
    }

    @Test func recordsEqualTheJSONLOutputAndTypedColumnsAreFilled() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(300, badEvery: 37), in: dir)
        let inputs = [input] + Fixtures.corpusFiles + ["--config", DatabaseTesting.config(in: dir)]
        let jsonl = TextmillBinary.run(["run"] + inputs + ["-o", dir + "/out.jsonl", "--quiet"])
        #expect(jsonl.status == 1)
        let lines = DatabaseTesting.lines(Fixtures.read(dir + "/out.jsonl"))
        let run = TextmillBinary.run(
            ["run"] + inputs + ["--sink", cluster.url(query: "table=corpus"), "--workers", "2", "--chunk-docs", "16",
                                "--db-columns", "tokens,token_count,text,sentence_count"],
            environment: cluster.environment)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try mismatches("corpus", lines) == 0)

        let db = try connect()
        let rows = try db.query("SELECT ordinal, id, error_code, error_message, token_count, tokens = ARRAY(SELECT jsonb_array_elements_text(record->'tokens')), text = record->>'text', sentence_count = jsonb_array_length(record->'sentences'), text IS NOT NULL FROM corpus ORDER BY ordinal")
        #expect(rows.count == lines.count)
        for (row, line) in zip(rows, lines) {
            let record = try JSONValue.parse(line)
            #expect(row[1] == record["id"].map { $0.stringValue ?? $0.jsonText }, "\(line)")
            if let error = record["error"] {
                #expect(row[2] == error["code"]?.stringValue && row[3] == error["message"]?.stringValue)
                #expect(row[4] == nil && row[5] == nil)
            } else {
                #expect(row[2] == nil && row[3] == nil)
                #expect(row[4] == String(record["tokens"]?.arrayValue?.count ?? -1))
                #expect(row[5] == "t" && row[6] == "t", "tokens and text equal the record's: \(line)")
                #expect(row[7] == "t" && row[8] == "t", "the pipeline writes text and sentences: \(line)")
            }
        }
        let runs = try db.query("SELECT documents, failed, description->>'fingerprint' FROM corpus_runs")
        #expect(runs.count == 1 && runs[0][0] == String(lines.count) && runs[0][1] == String(300 / 37))

        // The same job again is a no-op; a pgpass file works as well as PGPASSWORD.
        let again = TextmillBinary.run(
            ["run"] + inputs + ["--sink", cluster.url(query: "table=corpus"), "--db-columns", "tokens,token_count,text,sentence_count"],
            environment: ["PGPASSFILE": cluster.passwordFile()])
        #expect(again.status == 1 && again.stderr.contains("already complete"), "\(again.stderr)")
        #expect(try db.query("SELECT count(*) FROM corpus").first?.first == String(lines.count))
    }

    @Test func aNulCharacterIsStoredAsTheReplacementCharacter() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(3, nulEvery: 2), in: dir)
        let run = TextmillBinary.run(
            ["run", input, "--config", DatabaseTesting.config(in: dir), "--sink", cluster.url(query: "table=nul"), "--db-columns", "text,tokens"],
            environment: cluster.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try connect().query("SELECT ordinal, position(U&'\\FFFD' in text) > 0, position(U&'\\FFFD' in record->>'text') > 0, U&'\\FFFD' = ANY(tokens) FROM nul ORDER BY ordinal")
        #expect(rows == [["1", "f", "f", "f"], ["2", "t", "t", "t"], ["3", "f", "f", "f"]])
    }

    @Test func killedMidRunThenResumedGivesTheSameTableAsACleanRun() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(8_000, badEvery: 997), in: dir)
        // bert-wordpiece writes ids, for the bigint[] column.
        let common = [input, "--preset", "bert-wordpiece", "--workers", "2", "--chunk-docs", "20", "--quiet", "--db-columns", "tokens,ids,token_count"]
        let clean = TextmillBinary.run(["run"] + common + ["--sink", cluster.url(query: "table=clean")], environment: cluster.environment)
        #expect(clean.status == 1, "\(clean.stderr)")
        let db = try connect()
        let count = { (table: String) in Int((try? scalar("SELECT count(*) FROM \(table)", connection: db)) ?? nil ?? "") ?? 0 }
        #expect(count("clean") == 8_000)

        let url = cluster.url(query: "table=killed")
        let process = DatabaseTesting.startAndWait(["run"] + common + ["--sink", url], environment: cluster.environment) { count("killed") >= 200 }
        process.signal(SIGKILL)
        _ = process.wait()
        let kept = try db.query("SELECT count(*), coalesce(max(ordinal), 0) FROM killed").first ?? []
        #expect(Int(kept[0] ?? "") ?? 0 < 8_000, "the kill came too late to test anything")
        #expect(kept[0] == kept[1], "whole chunks only: \(kept)")
        let resumed = TextmillBinary.run(["run"] + common.filter { $0 != "--quiet" } + ["--sink", url, "--resume"], environment: cluster.environment)
        #expect(resumed.status == 1 && resumed.stderr.contains("resumed after"), "\(resumed.stderr)")
        #expect(try sameRows("clean", "killed"))
        // The counts the runs table keeps (as written, the first run's errors counted on resuming).
        #expect(try scalar("SELECT documents || ',' || failed FROM killed_runs", connection: db) == "8000,\(8_000 / 997)")
    }

    @Test func theServerKilledMidRunLosesNothingOnceTheRunIsResumed() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(8_000), in: dir)
        let common = [input, "--workers", "2", "--chunk-docs", "20", "--quiet"]
        let clean = TextmillBinary.run(["run"] + common + ["--sink", cluster.url(query: "table=server_clean")], environment: cluster.environment)
        #expect(clean.status == 0, "\(clean.stderr)")

        let url = cluster.url(query: "table=server_killed")
        let process = DatabaseTesting.startAndWait(["run"] + common + ["--sink", url], environment: cluster.environment) {
            (Int((try? scalar("SELECT count(*) FROM server_killed")) ?? nil ?? "") ?? 0) >= 200
        }
        cluster.kill()
        #expect(process.wait(timeout: 120) == 2)
        let name = String(url.prefix(while: { $0 != "?" }))
        #expect(process.stderr.contains("output error: \(name): "), "\(process.stderr)")
        #expect(process.stderr.contains("continue with --resume"), "\(process.stderr)")
        #expect(cluster.start(), "restart: \(cluster.serverLog)")
        // What the message says is kept is what the restarted server holds: only commits the
        // server confirmed (with its durability) are counted.
        let kept = process.stderr.split(separator: ";").last { $0.contains("records kept in") }?
            .split(separator: " ").first.flatMap { Int($0) }
        #expect(kept != nil && kept == Int((try? scalar("SELECT count(*) FROM server_killed")) ?? nil ?? ""), "\(process.stderr)")
        let resumed = TextmillBinary.run(["run"] + common.filter { $0 != "--quiet" } + ["--sink", url, "--resume"], environment: cluster.environment)
        #expect(resumed.status == 0 && resumed.stderr.contains("resumed after"), "\(resumed.stderr)")
        #expect(try sameRows("server_clean", "server_killed"))
    }

    @Test func wrongPasswordUnknownDatabaseAndPasswordsInURLsAreClearErrorsThatNeverShowThePassword() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(5), in: dir)
        let secret = "Wrong-Secret-\(UInt32.random(in: 0...UInt32.max))"
        let wrong = TextmillBinary.run(["run", input, "--sink", cluster.url()], environment: ["PGPASSWORD": secret])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("password authentication failed for user \"textmill\""), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains(secret))

        let none = TextmillBinary.run(["run", input, "--sink", cluster.url()], environment: ["PGPASSFILE": "/nonexistent"])
        #expect(none.status == 2 && none.stderr.contains("cannot connect to PostgreSQL"), "\(none.stderr)")

        let unknown = TextmillBinary.run(["run", input, "--sink", cluster.url(database: "nosuchdb")], environment: cluster.environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("database \"nosuchdb\" does not exist"), "\(unknown.stderr)")

        let inURL = "postgresql://textmill:\(secret)@\(cluster.urlHost):\(cluster.port)/postgres"
        for sink in [inURL, cluster.url(query: "password=\(secret)")] {
            let refused = TextmillBinary.run(["run", input, "--sink", sink])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("a password in the URL is not accepted"), "\(refused.stderr)")
            #expect(!refused.stderr.contains(secret))
        }

        // postgres:// works too, and PG* variables fill in what the URL leaves out.
        let short = TextmillBinary.run(
            ["run", input, "--sink", "postgres:///postgres?table=from_env", "--quiet"],
            environment: cluster.environment.merging(["PGHOST": cluster.directory + "/sock", "PGUSER": cluster.user, "PGPORT": "\(cluster.port)"]) { $1 })
        #expect(short.status == 0, "\(short.stderr)")
        #expect(try connect().query("SELECT count(*) FROM from_env").first?.first == "5")
    }

    @Test func aTableWithOtherColumnsIsRefused() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(5), in: dir)
        try connect().execute("DROP TABLE IF EXISTS docs; CREATE TABLE docs (id text, body jsonb)")
        let refused = TextmillBinary.run(["run", input, "--sink", cluster.url(query: "table=docs")], environment: cluster.environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("table docs exists with other columns (id text, body jsonb)"), "\(refused.stderr)")
    }

    /// A sink on `table` of the test cluster (dropped first), begun as a new run.
    func begunSink(_ table: String, commitInterval: Duration) throws -> PostgresRecordSink {
        try connect().execute("DROP TABLE IF EXISTS \(table), \(table)_runs")
        let sink = try PostgresRecordSink(
            url: PostgresURL(cluster.url(query: "table=\(table)")), table: DatabaseTable(name: table), runKey: "key",
            commitInterval: commitInterval)
        #expect(try sink.begin(resume: false, description: Array("{}".utf8)) == 0)
        return sink
    }

    /// `count` one-line records, ids numbered from `first`.
    func records(_ first: Int, _ count: Int) -> [UInt8] {
        Array((first..<(first + count)).map { #"{"id":"d\#($0)","tokens":["a","b\\c"]}"# + "\n" }.joined().utf8)
    }

    /// Rows of the table and their highest ordinal, as another session sees them.
    func committed(_ table: String) throws -> [String?] {
        try connect().query("SELECT count(*), coalesce(max(ordinal), 0) FROM \(table)").first ?? []
    }

    @Test func oneCopySpansChunksUntilTheIntervalAndAStopCommitsTheWholeChunksSent() throws {
        do {  // the sink (and its session, which holds the run's lock) ends with this block
            let sink = try begunSink("batched", commitInterval: .seconds(3600))
            for chunk in 0..<3 { try sink.write(records: records(chunk * 4 + 1, 4), failures: []) }
            #expect(try committed("batched") == ["0", "0"], "nothing is visible while the COPY is open")
            #expect(sink.documentsCommitted == 0)
            // A chunk that cannot be encoded is refused before any of it is sent ...
            #expect(throws: (any Error).self) { try sink.write(records: records(13, 2) + Array("not json\n".utf8), failures: []) }
            // ... and stopping commits the three whole chunks before it, and counts them once confirmed.
            sink.suspend()
            #expect(sink.documentsCommitted == 12)
            #expect(try committed("batched") == ["12", "12"])
            #expect(try scalar("SELECT string_agg(id, ',' ORDER BY ordinal) FROM batched") == (1...12).map { "d\($0)" }.joined(separator: ","))
        }

        let resumed = try PostgresRecordSink(
            url: PostgresURL(cluster.url(query: "table=batched")), table: DatabaseTable(name: "batched"), runKey: "key")
        #expect(resumed.priorRun == .interrupted(documents: 12))
        #expect(try resumed.begin(resume: true, description: Array("{}".utf8)) == 12)
        try resumed.write(records: records(13, 3), failures: [])
        try resumed.finish()
        #expect(try committed("batched") == ["15", "15"])
    }

    @Test func withAZeroIntervalEveryChunkIsItsOwnTransactionConfirmedByTheNextWrite() throws {
        let sink = try begunSink("per_chunk", commitInterval: .zero)
        try sink.write(records: records(1, 3), failures: [])
        try sink.write(records: records(4, 2), failures: [])
        #expect(sink.documentsCommitted == 3, "the first chunk's commit is read before the second COPY starts")
        try sink.write(records: records(6, 1), failures: [])
        #expect(sink.documentsCommitted == 5)
        try sink.finish()
        #expect(sink.documentsCommitted == 6)
        #expect(try committed("per_chunk") == ["6", "6"])
        #expect(try scalar("SELECT documents FROM per_chunk_runs") == "6")
    }

    @Test func aSessionEndedMidCopyCommitsNoneOfItAndCountsNoneOfIt() throws {
        let sink = try begunSink("cut_off", commitInterval: .zero)
        try sink.write(records: records(1, 2), failures: [])
        try sink.write(records: records(3, 2), failures: [])
        #expect(sink.documentsCommitted == 2)
        let long = try begunSink("cut_off_long", commitInterval: .seconds(3600))
        try long.write(records: records(1, 2), failures: [])
        // Both writers' sessions go away (as when the server restarts) with a COPY open or unconfirmed.
        let pids = [sink.connection.backendPID, long.connection.backendPID].map { String($0) }
        let ended = try scalar("SELECT count(pg_terminate_backend(pid)) FROM unnest($1::int[]) AS pid", ["{" + pids.joined(separator: ",") + "}"])
        #expect(ended == "2")
        var waits = 0
        while waits < 100, try scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])", ["{" + pids.joined(separator: ",") + "}"]) != "0" {
            usleep(50_000)
            waits += 1
        }
        var failed = false
        do { try long.write(records: records(3, 2), failures: []) } catch { failed = true }
        do { try long.finish() } catch { failed = true }
        #expect(failed, "a COPY the server never committed is an error")
        #expect(long.documentsCommitted == 0)
        #expect(try committed("cut_off_long") == ["0", "0"])
        // The other one's second chunk was ended before the session went: committed or not,
        // the count says what the table holds.
        sink.suspend()
        let held = try committed("cut_off")
        #expect(held[0] == String(sink.documentsCommitted) && held[0] == held[1], "\(held) vs \(sink.documentsCommitted)")
    }

    /// The first column of the first row.
    func scalar(_ sql: String, _ parameters: [String?] = [], connection: PostgresConnection? = nil) throws -> String? {
        let rows = try (connection ?? connect()).query(sql, parameters)
        return rows.first?.first ?? nil
    }

    /// Whether two tables hold the same rows (run key and every column).
    func sameRows(_ a: String, _ b: String) throws -> Bool {
        let db = try connect()
        let query = { (t: String) in "SELECT * FROM \(t)" }
        let differences = try db.query("SELECT count(*) FROM ((\(query(a)) EXCEPT ALL \(query(b))) UNION ALL (\(query(b)) EXCEPT ALL \(query(a)))) d")
        return differences.first?.first == "0"
    }
}
