import Testing
import TextmillDatabase
import TextmillDocuments
import TextmillJSON
import TextmillOutput
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run --sink sqlite:PATH`, end to end through the built binary, read back with SQLite.
@Suite(.serialized) struct SQLiteRecordSinkTests {
    @Test func recordsReadBackEqualTheJSONLOutputByteForByte() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(300, badEvery: 37, nulEvery: 50), in: dir)
        let inputs = [input] + Fixtures.corpusFiles + ["--config", DatabaseTesting.config(in: dir)]
        let jsonl = TextmillBinary.run(["run"] + inputs + ["-o", dir + "/out.jsonl", "--workers", "2", "--chunk-docs", "16", "--quiet"])
        #expect(jsonl.status == 1, "bad lines make error records: \(jsonl.stderr)")
        let database = dir + "/out.db"
        let run = TextmillBinary.run(
            ["run"] + inputs + ["--sink", "sqlite:" + database, "--workers", "2", "--chunk-docs", "16", "--quiet",
                                "--db-columns", "tokens,token_count,text,sentence_count"])
        #expect(run.status == 1, "\(run.stderr)")

        let expected = DatabaseTesting.lines(Fixtures.read(dir + "/out.jsonl"))
        let rows = try SQLiteDatabase(path: database).query(
            "SELECT ordinal, id, record, error_code, error_message, tokens, token_count, text, sentence_count FROM textmill_records ORDER BY ordinal")
        #expect(rows.count == expected.count)
        // The record column is the JSONL line, byte for byte, in input order.
        #expect(rows.map { $0[2].stringValue ?? "" } == expected)
        #expect(rows.map { $0[0].intValue ?? 0 } == Array(1...expected.count))
        for (row, line) in zip(rows, expected) {
            let record = try JSONValue.parse(line)
            let id = record["id"].map { $0.stringValue ?? $0.jsonText }
            #expect(row[1].stringValue == id, "id as the input had it: \(line)")
            if let error = record["error"] {
                #expect(row[3].stringValue == error["code"]?.stringValue)
                #expect(row[4].stringValue == error["message"]?.stringValue)
                #expect(row[5] == .null && row[6] == .null)
            } else {
                #expect(row[3] == .null && row[4] == .null)
                let tokens = record["tokens"]?.arrayValue ?? []
                #expect(try JSONValue.parse(row[5].stringValue ?? "null") == record["tokens"])
                #expect(row[6].intValue == tokens.count)
                #expect(row[7].stringValue == record["text"]?.stringValue)
                #expect(row[8] == (record["sentences"]?.arrayValue).map { .integer(Int64($0.count)) } ?? .null)
            }
        }
        #expect(rows.filter { $0[3] == .text("invalid_json") }.count == 300 / 37)
        #expect(rows.filter { $0[7].stringValue?.contains("\u{0}") == true }.count == 300 / 50, "NUL kept in SQLite text")
        #expect(rows.allSatisfy { $0[3] != .null || ($0[7] != .null && $0[8] != .null) }, "the pipeline writes text and sentences")
    }

    @Test func anOutputNamedDotSqliteIsADatabaseAndRerunningTheJobIsANoOp() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(50), in: dir)
        let database = dir + "/out.sqlite"
        let first = TextmillBinary.run(["run", input, "-o", database, "--workers", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = TextmillBinary.run(["run", input, "-o", database, "--workers", "1"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("already complete") && again.stderr.contains("nothing to do"), "\(again.stderr)")
        let resumed = TextmillBinary.run(["run", input, "-o", database, "--workers", "1", "--resume"])
        #expect(resumed.status == 0 && resumed.stderr.contains("already complete"), "\(resumed.stderr)")
        let runs = try SQLiteDatabase(path: database).query("SELECT documents, failed, finished_at IS NOT NULL FROM textmill_records_runs")
        #expect(runs == [[.integer(50), .integer(0), .integer(1)]])
        #expect(try DatabaseTesting.sqliteRows(database).count == 50)

        // A changed input is another job: its rows come under another run key, beside the first.
        TextmillBinary.write(input, DatabaseTesting.input(60))
        let changed = TextmillBinary.run(["run", input, "-o", database, "--workers", "1", "--quiet"])
        #expect(changed.status == 0, "\(changed.stderr)")
        let keys = try SQLiteDatabase(path: database).query("SELECT run_key, count(*) FROM textmill_records GROUP BY run_key ORDER BY 2")
        #expect(keys.map { $0[1] } == [.integer(50), .integer(60)])
        #expect(!(try SQLiteDatabase(path: database).query("SELECT * FROM textmill_records_runs WHERE description->>'$.inputs[0].size' > 0").isEmpty))
    }

    @Test func killedMidRunThenResumedGivesTheSameTableAsACleanRun() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(8_000, badEvery: 997), in: dir)
        // Transactions of a few chunks each (not the default second's worth), so that the kill
        // finds several committed and one open however fast the machine.
        let common = [input, "--workers", "2", "--chunk-docs", "20", "--quiet", "--db-columns", "tokens,token_count", "--db-commit-interval", "0.05"]
        let clean = TextmillBinary.run(["run"] + common + ["--sink", "sqlite:" + dir + "/clean.db"])
        #expect(clean.status == 1, "\(clean.stderr)")
        let reference = try DatabaseTesting.sqliteRows(dir + "/clean.db")
        #expect(reference.count == 8_000)

        for resume in [true, false] {
            let database = dir + "/killed-\(resume).db"
            let process = DatabaseTesting.startAndWait(["run"] + common + ["--sink", "sqlite:" + database]) {
                access(database, F_OK) == 0 && ((try? SQLiteDatabase(path: database).query("SELECT count(*) FROM textmill_records"))?.first?.first?.intValue ?? 0) >= 200
            }
            process.signal(SIGKILL)
            _ = process.wait()
            let kept = try SQLiteDatabase(path: database).query("SELECT count(*), max(ordinal) FROM textmill_records").first ?? []
            #expect((kept.first?.intValue ?? 0) < 8_000, "the kill came too late to test anything")
            #expect(kept.first == kept.last, "whole chunks only, no gaps: \(kept)")
            let rerun = TextmillBinary.run(["run"] + common.filter { $0 != "--quiet" } + ["--sink", "sqlite:" + database] + (resume ? ["--resume"] : []))
            #expect(rerun.status == 1, "\(rerun.stderr)")
            #expect(rerun.stderr.contains(resume ? "resumed after" : "discarding"), "\(rerun.stderr)")
            #expect(try DatabaseTesting.sqliteRows(database) == reference, "resume: \(resume)")
            let counts = try SQLiteDatabase(path: database).query("SELECT documents, failed FROM textmill_records_runs")
            #expect(counts == [[.integer(8_000), .integer(Int64(8_000 / 997))]], "resume: \(resume)")
        }
    }

    @Test func aLockedDatabaseGivesAClearErrorAndExitTwo() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(10), in: dir)
        let holder = try SQLiteDatabase(path: dir + "/locked.db")
        try holder.execute("PRAGMA journal_mode=WAL; CREATE TABLE other (x); BEGIN EXCLUSIVE; INSERT INTO other VALUES (1)")
        let result = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/locked.db", "--db-busy-timeout", "0.3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("locked.db: the database is locked by another connection (waited 0.3 s"), "\(result.stderr)")
        try holder.execute("COMMIT")
        let after = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/locked.db", "--quiet"])
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func aTableWithOtherColumnsIsRefusedAndBadNamesAndOptionsAreUsageErrors() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let input = DatabaseTesting.file(DatabaseTesting.input(10), in: dir)
        try SQLiteDatabase(path: dir + "/other.db").execute("CREATE TABLE docs (id TEXT, body TEXT)")
        let refused = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/other.db", "--db-table", "docs"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("table docs exists with other columns (id TEXT, body TEXT)"), "\(refused.stderr)")
        #expect(try SQLiteDatabase(path: dir + "/other.db").query("SELECT count(*) FROM docs") == [[.integer(0)]])

        // The same table asked for with other typed columns is refused too.
        let plain = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/t.db", "--quiet"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let typed = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/t.db", "--db-columns", "tokens"])
        #expect(typed.status == 2 && typed.stderr.contains("exists with other columns"), "\(typed.stderr)")

        for (arguments, message) in [
            (["--db-table", "Robert'); DROP TABLE x;--"], "not a valid table name"),
            (["--db-columns", "tokens,language"], "unknown; choose from"),
            (["--unordered"], "drop --unordered"),
            (["--errors", dir + "/e.jsonl"], "drop --errors"),
            (["--resume"], "cannot resume: table textmill_records holds no run"),
        ] {
            let result = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/n.db"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let both = TextmillBinary.run(["run", input, "--sink", "sqlite:" + dir + "/n.db", "-o", dir + "/x.jsonl"])
        #expect(both.status == 2 && both.stderr.contains("not both"))
        let unknown = TextmillBinary.run(["run", input, "--sink", "mysql://x"])
        #expect(unknown.status == 2 && unknown.stderr.contains("expected sqlite:PATH or postgresql://"))
    }

    /// Records `{"id":"dN",…}` for N = first…, every `errorEvery`-th an error record.
    func records(_ first: Int, _ count: Int, errorEvery: Int = 0) -> (bytes: [UInt8], failures: [DocumentFailure]) {
        var text = "", failures: [DocumentFailure] = []
        for (position, n) in (first..<(first + count)).enumerated() {
            if errorEvery > 0 && n % errorEvery == 0 {
                text += #"{"id":"d\#(n)","error":{"code":"invalid_json","message":"m\#(n)"}}"# + "\n"
                failures.append(DocumentFailure(position: position, error: DocumentError(.invalidJSON, "m\(n)")))
            } else {
                text += #"{"id":"d\#(n)","tokens":["a","b\\c"]}"# + "\n"
            }
        }
        return (Array(text.utf8), failures)
    }

    func write(_ sink: SQLiteRecordSink, _ first: Int, _ count: Int) throws {
        let chunk = records(first, count, errorEvery: 5)
        try sink.write(records: chunk.bytes, failures: chunk.failures)
    }

    /// Rows and the highest ordinal, as another connection sees them.
    func committed(_ path: String) throws -> [DatabaseValue] {
        try SQLiteDatabase(path: path).query("SELECT count(*), coalesce(max(ordinal), 0) FROM textmill_records").first ?? []
    }

    @Test func oneTransactionTakesWholeChunksUntilTheIntervalAndAStopCommitsThem() throws {
        let path = TextmillBinary.temporaryDirectory() + "/batched.db"
        do {
            let sink = try SQLiteRecordSink(path: path, table: DatabaseTable(), runKey: "key", commitInterval: .seconds(3600))
            #expect(try sink.begin(resume: false, description: Array("{}".utf8)) == 0)
            for chunk in 0..<3 { try write(sink, chunk * 4 + 1, 4) }
            #expect(try committed(path) == [.integer(0), .integer(0)], "nothing is visible while the transaction is open")
            #expect(sink.documentsCommitted == 0)
            // A chunk with a record that is not one is refused before any of its rows goes in ...
            #expect(throws: OutputError.self) { try sink.write(records: records(13, 2).bytes + Array("not json\n".utf8), failures: []) }
            // ... and stopping commits the three whole chunks before it.
            sink.abandon()
            #expect(sink.documentsCommitted == 12)
            #expect(try committed(path) == [.integer(12), .integer(12)])
            let ids = try SQLiteDatabase(path: path).query("SELECT group_concat(id, ',') FROM (SELECT id FROM textmill_records ORDER BY ordinal)")
            #expect(ids == [[.text((1...12).map { "d\($0)" }.joined(separator: ","))]])
        }
        let resumed = try SQLiteRecordSink(path: path, table: DatabaseTable(), runKey: "key", commitInterval: .seconds(3600))
        #expect(resumed.priorRun == .interrupted(documents: 12))
        #expect(try resumed.begin(resume: true, description: Array("{}".utf8)) == 12)
        try write(resumed, 13, 8)
        try resumed.finish()
        #expect(resumed.documentsCommitted == 20)
        #expect(try committed(path) == [.integer(20), .integer(20)])
        // The counts kept in the runs table are what the rows hold (errors of the first run included).
        let database = try SQLiteDatabase(path: path)
        let counted = try database.query("SELECT count(*), count(error_code) FROM textmill_records").first
        #expect(counted == [.integer(20), .integer(4)])
        #expect(try database.query("SELECT documents, failed, finished_at IS NOT NULL FROM textmill_records_runs") == [[.integer(20), .integer(4), .integer(1)]])
    }

    @Test func aZeroIntervalOrAFullTransactionCommitsAtOnce() throws {
        let dir = TextmillBinary.temporaryDirectory()
        for (name, interval, bytes) in [("zero", Duration.zero, 4 << 20), ("bytes", .seconds(3600), 1)] {
            let path = dir + "/\(name).db"
            let sink = try SQLiteRecordSink(path: path, table: DatabaseTable(), runKey: "key", commitInterval: interval, commitBytes: bytes)
            _ = try sink.begin(resume: false, description: Array("{}".utf8))
            try write(sink, 1, 3)
            #expect(sink.documentsCommitted == 3, "\(name)")
            #expect(try committed(path) == [.integer(3), .integer(3)], "\(name)")
            try write(sink, 4, 2)
            #expect(try committed(path) == [.integer(5), .integer(5)], "\(name)")
            try sink.finish()
        }
    }

    @Test func aNewDatabaseGetsLargePagesAndATableTheEarlierLayoutMadeStillWorks() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let fresh = try SQLiteRecordSink(path: dir + "/new.db", table: DatabaseTable(), runKey: "key")
        #expect(try fresh.database.query("PRAGMA page_size") == [[.integer(32768)]])

        // A file made before (4 KiB pages, the same CREATE TABLE) keeps its pages and takes the rows.
        let old = try SQLiteDatabase(path: dir + "/old.db")
        try old.execute("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL")
        try old.execute(DatabaseTable().createStatement(.sqlite) + "; " + DatabaseTable().createRunsStatement(.sqlite))
        let sink = try SQLiteRecordSink(path: dir + "/old.db", table: DatabaseTable(), runKey: "key")
        _ = try sink.begin(resume: false, description: Array("{}".utf8))
        try write(sink, 1, 10)
        try sink.finish()
        #expect(try old.query("PRAGMA page_size") == [[.integer(4096)]])
        #expect(try committed(dir + "/old.db") == [.integer(10), .integer(10)])
    }
}
