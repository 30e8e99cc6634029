import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `textmill run` on worker processes, end to end: identical output whatever the worker count,
/// recovery from crashing, hanging and garbling workers, interruption and `--resume`.
@Suite(.serialized) struct WorkerPoolRunTests {
    /// `count` small documents; those at `poison` carry `marker`.
    static func input(_ count: Int, marker: String = "", at poison: Set<Int> = []) -> [UInt8] {
        let words = ["Straße", "ﬁnal", "東京都", "naïve", "Привет", "ตัวอย่าง", "don't", "3.14", "ＡＢＣ"]
        var text = ""
        for i in 1...count {
            let body = (0..<(i % 7 + 2)).map { words[($0 * 5 + i) % words.count] }.joined(separator: " ")
            text += #"{"id":\#(i),"text":"doc \#(i) \#(body)\#(poison.contains(i) ? " " + marker : "")"}"# + "\n"
        }
        return Array(text.utf8)
    }

    static func file(_ bytes: [UInt8], in dir: String, _ name: String = "in.jsonl") -> String {
        let path = dir + "/" + name
        TextmillBinary.write(path, bytes)
        return path
    }

    @Test func outputIsByteIdenticalWhateverTheWorkerCount() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let corpus = Fixtures.corpusFiles
        let reference = TextmillBinary.run(["run"] + corpus + ["-o", "-", "--workers", "1", "--quiet"])
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(reference.stdoutLines.count == corpus.flatMap(Fixtures.lines).count)
        for workers in [["--workers", "1", "--isolate"], ["--workers", "2"], ["--workers", "8"]] {
            for chunking in [["--chunk-docs", "7"], ["--chunk-bytes", "4KiB"], [], ["--chunk-docs", "3", "--chunk-min-bytes", "2KiB"]] {
                let result = TextmillBinary.run(["run"] + corpus + ["-o", dir + "/out.jsonl", "--quiet"] + workers + chunking)
                #expect(result.status == 0, "\(workers) \(chunking): \(result.stderr)")
                #expect(Fixtures.read(dir + "/out.jsonl") == reference.stdout, "\(workers) \(chunking)")
            }
        }
        let unordered = TextmillBinary.run(["run"] + corpus + ["-o", "-", "--workers", "2", "--chunk-docs", "5", "--unordered", "--quiet"])
        #expect(unordered.stdoutLines.sorted() == reference.stdoutLines.sorted())
    }

    @Test func aDocumentThatCrashesWorkersGetsAnErrorRecordAndNothingElseChanges() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(300, marker: "POISON", at: [77, 212]), in: dir)
        let clean = TextmillBinary.run(["run", path, "-o", "-", "--workers", "1", "--quiet"])
        for action in ["crash", "kill", "exit", "garbage"] {
            let result = TextmillBinary.run(
                ["run", path, "-o", "-", "--workers", "2", "--chunk-docs", "40", "--stats", dir + "/stats.json"],
                environment: ["TEXTMILL_FAULT": "\(action):POISON"])
            #expect(result.status == 1, "\(action): \(result.stderr)")
            let lines = result.stdoutLines
            #expect(lines.count == 300)
            for (i, line) in lines.enumerated() {
                let record = try JSONValue.parse(line)
                #expect(record["id"]?.intValue == i + 1)
                if [77, 212].contains(i + 1) {
                    #expect(record["error"]?["code"]?.stringValue == "worker_crashed", "\(action): \(line)")
                    #expect(record["error"]?["line"]?.intValue == i + 1)
                } else {
                    #expect(line == clean.stdoutLines[i], "\(action): line \(i + 1)")
                }
            }
            let stats = try JSONValue.parse(Fixtures.read(dir + "/stats.json"))
            #expect(stats["documents_isolated"]?.intValue == 2)
            #expect((stats["worker_restarts"]?.intValue ?? 0) >= 4)
        }
    }

    @Test func aDocumentThatHangsTimesOut() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(60, marker: "SLEEPY", at: [31]), in: dir)
        let result = TextmillBinary.run(
            ["run", path, "-o", "-", "--workers", "2", "--chunk-docs", "20", "--chunk-timeout", "0.5"],
            environment: ["TEXTMILL_FAULT": "hang:SLEEPY"])
        #expect(result.status == 1, "\(result.stderr)")
        let records = try result.stdoutLines.map { try JSONValue.parse($0) }
        #expect(records.map { $0["id"]?.intValue } == (1...60).map { $0 })
        #expect(records.filter { $0["error"] != nil }.map { $0["id"]?.intValue } == [31])
        #expect(records[30]["error"]?["code"]?.stringValue == "timeout")
    }

    @Test func aTransientCrashIsRetriedWithoutAnErrorRecord() throws {
        let dir = TextmillBinary.temporaryDirectory()
        Self.expectOneKillRetried(Self.file(Self.input(100, marker: "ONCE", at: [50]), in: dir), chunkDocs: 10, in: dir)
    }

    /// Runs `path` on two workers with the worker holding the document marked ONCE killed the
    /// first time: the chunk is retried once, no error record is written, and the output is the
    /// in-process run's. Returns that output.
    @discardableResult
    static func expectOneKillRetried(_ path: String, chunkDocs: Int, in dir: String) -> [UInt8] {
        let clean = TextmillBinary.run(["run", path, "-o", "-", "--workers", "1", "--quiet"])
        let result = TextmillBinary.run(
            ["run", path, "-o", "-", "--workers", "2", "--chunk-docs", "\(chunkDocs)"],
            environment: ["TEXTMILL_FAULT": "kill:ONCE", "TEXTMILL_FAULT_ONCE": dir + "/fired"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == clean.stdout)
        #expect(result.stderr.contains("1 chunks retried, 1 worker restarts"), "\(result.stderr)")
        return result.stdout
    }

    /// A chunk frame over 1 MiB is not kept once sent (`PoolJob.keptFrameBytes`): when its worker
    /// dies, the resend encodes it again, to the same bytes.
    @Test func aLargeDocumentWhoseWorkerDiesIsSentAgainWhole() throws {
        let dir = TextmillBinary.temporaryDirectory()
        var bytes = Self.input(20)
        let text = String(repeating: "Straße 東京都 naïve ", count: 60_000)
        bytes += Array(#"{"id":"large","text":"ONCE \#(text)"}"#.utf8) + [0x0A]
        bytes += Self.input(20)
        #expect(bytes.count > 1 << 20)
        let output = Self.expectOneKillRetried(Self.file(bytes, in: dir), chunkDocs: 4, in: dir)
        #expect(output.count > 1 << 20)
    }

    @Test func workersKilledFromOutsideAreReplacedAndNothingIsLostOrDuplicated() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(20_000), in: dir)
        let clean = TextmillBinary.run(["run", path, "-o", dir + "/clean.jsonl", "--workers", "1", "--quiet"])
        #expect(clean.status == 0)
        // Kill the coordinator's children with SIGKILL, five times, while it runs. Every chunk
        // takes its worker 20 ms more (`slow`), so the run lasts about 4 s on any machine and
        // the kills land while it runs (on a fast machine it used to end before the first).
        let script = """
            cd '\(dir)' && TEXTMILL_FAULT=slow:doc '\(TextmillBinary.path)' run in.jsonl -o out.jsonl --workers 2 --chunk-docs 50 --stats stats.json 2> err.txt &
            pid=$!
            ( sleep 240; kill -9 $pid 2>/dev/null ) </dev/null >/dev/null 2>&1 & watchdog=$!
            for i in 1 2 3 4 5; do sleep 0.4; pkill -KILL -P $pid -f 'textmill worker'; done
            wait $pid; status=$?
            kill $watchdog 2>/dev/null
            exit $status
            """
        let status = system(script) >> 8
        #expect(status == 0, "\(String(decoding: Fixtures.read(dir + "/err.txt"), as: UTF8.self))")
        #expect(Fixtures.read(dir + "/out.jsonl") == Fixtures.read(dir + "/clean.jsonl"))
        let stats = try JSONValue.parse(Fixtures.read(dir + "/stats.json"))
        #expect((stats["worker_restarts"]?.intValue ?? 0) >= 1)
        #expect(stats["documents_failed"]?.intValue == 0)
    }

    @Test func aPoolThatCannotKeepWorkersAliveStopsWithExitTwo() {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(50), in: dir)
        let result = TextmillBinary.run(
            ["run", path, "-o", dir + "/out.jsonl", "--workers", "2", "--chunk-docs", "10"], environment: ["TEXTMILL_FAULT": "kill:doc"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot keep workers alive"))
    }

    @Test func workersWithAnotherFingerprintAreRefused() {
        let result = TextmillBinary.run(
            ["run", "-", "-o", "-", "--workers", "2"], stdin: Self.input(3), environment: ["TEXTMILL_FAULT": "fingerprint:0123456789abcdef"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("a worker loaded pipeline 0123456789abcdef"))
        #expect(result.stdout.isEmpty)
    }

    @Test func interruptedRunsResumeToIdenticalOutput() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(200_000), in: dir)
        let clean = TextmillBinary.run(["run", path, "-o", dir + "/clean.jsonl", "--workers", "1", "--quiet"])
        #expect(clean.status == 0)
        for (signal, expected) in [("INT", 130), ("TERM", 143), ("KILL", 137)] {
            let script = """
                cd '\(dir)' && rm -f out.jsonl*
                '\(TextmillBinary.path)' run in.jsonl -o out.jsonl --workers 2 --chunk-docs 100 --quiet &
                pid=$!
                ( sleep 240; kill -9 $pid 2>/dev/null ) </dev/null >/dev/null 2>&1 & watchdog=$!
                # Signal as soon as the first records are out (a fixed delay races a fast build).
                for i in $(seq 1 2000); do [ -s out.jsonl.partial ] && break; sleep 0.01; done
                kill -\(signal) $pid; wait $pid; status=$?
                kill $watchdog 2>/dev/null
                exit $status
                """
            #expect(system(script) >> 8 == expected, "SIG\(signal)")
            let partial = Fixtures.read(dir + "/out.jsonl.partial")
            #expect(partial.count < Fixtures.read(dir + "/clean.jsonl").count, "SIG\(signal) came too late to test anything")
            if signal != "KILL" { #expect(partial.last == 0x0A, "SIG\(signal): the partial output ends with a complete line") }
            let resumed = TextmillBinary.run(["run", path, "-o", dir + "/out.jsonl", "--workers", "2", "--resume"])
            #expect(resumed.status == 0, "SIG\(signal): \(resumed.stderr)")
            #expect(resumed.stderr.contains("resumed after"))
            #expect(Fixtures.read(dir + "/out.jsonl") == Fixtures.read(dir + "/clean.jsonl"), "SIG\(signal)")
        }
    }

    @Test func resumeRefusesWhenTheInputOrPipelineChanged() {
        let dir = TextmillBinary.temporaryDirectory()
        let path = Self.file(Self.input(20), in: dir)
        let manifest = """
            {"version":1,"fingerprint":"ffffffffffffffff","inputs":[{"path":"\(path)","size":1,"modified_ns":1}],"options":[]}
            """
        TextmillBinary.write(dir + "/out.jsonl.resume.json", Array(manifest.utf8))
        TextmillBinary.write(dir + "/out.jsonl.partial", [])
        let changed = TextmillBinary.run(["run", path, "-o", dir + "/out.jsonl", "--resume"])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("cannot resume: the pipeline changed"))
        let missing = TextmillBinary.run(["run", path, "-o", dir + "/other.jsonl", "--resume"])
        #expect(missing.status == 2 && missing.stderr.contains("not found"))
        let stdin = TextmillBinary.run(["run", "-", "-o", dir + "/x.jsonl", "--resume"])
        #expect(stdin.status == 2)
    }

    @Test func progressLineOnRequest() {
        let result = TextmillBinary.run(["run", "-", "-o", "-", "--workers", "2", "--progress"], stdin: Self.input(50))
        #expect(result.status == 0)
        #expect(result.stderr.contains("50 docs"))
        #expect(result.stderr.contains("2 workers"))
    }

    @Test func flushLinesAnswersEachLineBeforeTheNextArrives() {
        let dir = TextmillBinary.temporaryDirectory()
        for workers in ["1", "2"] {
            // The driver sends one line and waits for its record before sending the next.
            let script = """
                cd '\(dir)' && coproc T { '\(TextmillBinary.path)' filter --workers \(workers) --flush-lines --quiet; }
                echo '{"id":"a","text":"first line"}' >&${T[1]}
                read -t 20 -r one <&${T[0]} || exit 9
                echo '{"id":"b","text":"second"}' >&${T[1]}
                read -t 20 -r two <&${T[0]} || exit 8
                eval "exec ${T[1]}>&-"
                wait
                printf '%s\\n%s\\n' "$one" "$two" > answers.txt
                """
            #expect(system("bash -c \(TextmillBinary.shellQuote(script))") == 0, "--workers \(workers)")
            let lines = Fixtures.lines(dir + "/answers.txt")
            #expect(lines.first?.hasPrefix(#"{"id":"a","tokens":["first","line"]"#) == true, "\(lines)")
            #expect(lines.last?.hasPrefix(#"{"id":"b","tokens":["second"]"#) == true, "\(lines)")
        }
    }

    @Test func filterAliasReadsStandardInputLineByLine() {
        let result = TextmillBinary.run(["filter", "--workers", "1", "--flush-lines"], stdin: Self.input(5))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 5)
    }
}
