import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Batch jobs on a real `textmill serve`: the issue's end-to-end run (three jobs, progress,
/// a cancel, a kill -9 mid-job, a restart) with outputs equal to `textmill run`; changed inputs;
/// and the TCP rules (roots required, auth token).
@Suite(.serialized) struct JobsServeTests {
    private let directory = TextmillBinary.temporaryDirectory()

    /// `copies` rounds of the en, de and ru corpora (900 documents a round).
    private func corpus(_ name: String, copies: Int) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<copies {
            for language in ["en", "de", "ru"] { bytes += Fixtures.read(Fixtures.path("corpora/\(language).jsonl")) }
        }
        let path = directory + "/" + name
        TextmillBinary.write(path, bytes)
        return path
    }

    /// `slow`: every chunk takes its worker 20 ms more (`TEXTMILL_FAULT=slow:…`), so a job lasts
    /// long enough to be cancelled or killed part way on any machine.
    private func serve(_ extra: [String] = [], slow: Bool = false) -> (BackgroundProcess, String) {
        let socket = directory + "/s.sock"
        let server = BackgroundProcess(
            ["serve", "--listen", "unix:" + socket, "--workers", "1", "--state-dir", directory + "/state"] + extra,
            environment: slow ? ["TEXTMILL_FAULT": #"slow:"id""#] : [:])
        #expect(server.waitForStderr(containing: "jobs: state in"), "\(server.stderr)")
        return (server, socket)
    }

    private func client(_ socket: String) throws -> LineClient {
        try #require(LineClient("unix:" + socket))
    }

    /// Sends one request and returns its reply, skipping notifications.
    private func call(_ client: LineClient, _ method: String, _ params: String, id: Int = 1, auth: String? = nil) -> JSONValue {
        let authMember = auth.map { #","auth":"\#($0)""# } ?? ""
        client.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)\#(authMember)}"# + "\n")
        while let line = client.readLine(timeout: 900) {
            let reply = (try? JSONValue.parse(line)) ?? .null
            if reply["id"]?.intValue == id { return reply }
        }
        return .null
    }

    private func submit(_ client: LineClient, input: String, output: String, extra: String = "") -> String {
        let reply = call(client, "job.submit", #"{"inputs":["\#(input)"],"output":"\#(directory)/\#(output)","workers":1,"isolate":true,"chunk_docs":16\#(extra)}"#)
        #expect(reply["result"]?["state"]?.stringValue == "queued", "\(reply.jsonText)")
        return reply["result"]?["job_id"]?.stringValue ?? ""
    }

    /// Polls until the job has written documents (it is running, part way).
    private func waitUntilRunning(_ client: LineClient, _ id: String) -> Bool {
        for attempt in 0..<3000 {
            let job = call(client, "job.status", #"{"job_id":"\#(id)"}"#, id: 1000 + attempt)["result"]
            if job?["state"]?.stringValue == "running" && (job?["documents"]?.intValue ?? 0) > 0 { return true }
            if job?["state"]?.stringValue.map({ ["succeeded", "failed", "cancelled"].contains($0) }) == true { return false }
            usleep(20_000)
        }
        return false
    }

    /// A file's bytes, or nil when it is missing (an earlier failure; `Fixtures.read` would stop the whole test run).
    private func output(_ name: String) -> [UInt8]? {
        access(directory + "/" + name, R_OK) == 0 ? Fixtures.read(directory + "/" + name) : nil
    }

    private func reference(_ input: String, _ name: String) -> [UInt8]? {
        let result = TextmillBinary.run(["run", input, "-o", directory + "/" + name, "--workers", "1", "--chunk-docs", "16", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return output(name)
    }

    @Test func threeJobsACancelAKillAndARestartEndWithRunsOutputs() throws {
        let small = corpus("small.jsonl", copies: 4)
        let large = corpus("large.jsonl", copies: 12)
        var (server, socket) = serve(slow: true)
        var info = stat()
        #expect(stat(socket, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let control = try client(socket)
        let watcher = try client(socket)
        #expect(call(watcher, "job.subscribe", "{}")["result"]?["subscribed"]?.boolValue == true)

        let cancelled = submit(control, input: small, output: "a.jsonl")
        let killed = submit(control, input: large, output: "b.jsonl")
        let last = submit(control, input: Fixtures.path("corpora/en.jsonl"), output: "c.jsonl")
        let early = call(control, "job.wait", #"{"job_id":"\#(last)","timeout":0.2}"#)["result"]
        #expect(early?["timed_out"]?.boolValue == true && early?["job"]?["state"]?.stringValue == "queued", "\(early?.jsonText ?? "")")
        #expect(call(control, "job.status", #"{"job_id":"job-none"}"#)["error"]?["code"]?.intValue == -32004)
        #expect(waitUntilRunning(control, cancelled))
        #expect(call(control, "job.cancel", #"{"job_id":"\#(cancelled)"}"#)["result"] != nil)
        let afterCancel = call(control, "job.wait", #"{"job_id":"\#(cancelled)","timeout":60}"#)["result"]
        #expect(afterCancel?["job"]?["state"]?.stringValue == "cancelled", "\(afterCancel?.jsonText ?? "")")
        #expect(afterCancel?["job"]?["outputs"]?.arrayValue?.first?.stringValue == directory + "/a.jsonl.partial")

        #expect(waitUntilRunning(control, killed))
        server.signal(SIGKILL)
        _ = server.wait()
        var notifications = 0
        while let line = watcher.readLine(timeout: 1) {
            let message = (try? JSONValue.parse(line)) ?? .null
            if message["method"]?.stringValue == "job.progress" && message["id"] == nil { notifications += 1 }
        }
        #expect(notifications > 0)

        (server, socket) = serve()
        let again = try client(socket)
        let resumed = call(again, "job.wait", #"{"job_id":"\#(killed)","timeout":300}"#)["result"]?["job"]
        #expect(resumed?["state"]?.stringValue == "succeeded", "\(resumed?.jsonText ?? "") \(server.stderr)")
        #expect(resumed?["attempts"]?.intValue == 2)
        #expect((resumed?["resumed_after"]?.intValue ?? 0) > 0)
        let lastJob = call(again, "job.wait", #"{"job_id":"\#(last)","timeout":300}"#)["result"]?["job"]
        #expect(lastJob?["state"]?.stringValue == "succeeded")
        // The second job after the restart ran on the first one's warm pool.
        #expect(server.stderr.ranges(of: "starting a job pool").count == 1, "\(server.stderr)")
        // The cancelled job's partial is continued by a new job with resume.
        let continued = submit(again, input: small, output: "a.jsonl", extra: #","resume":true"#)
        #expect(call(again, "job.wait", #"{"job_id":"\#(continued)","timeout":300}"#)["result"]?["job"]?["state"]?.stringValue == "succeeded")

        #expect(output("a.jsonl") == reference(small, "a.ref.jsonl"))
        #expect(output("b.jsonl") == reference(large, "b.ref.jsonl"))
        #expect(output("c.jsonl") == reference(Fixtures.path("corpora/en.jsonl"), "c.ref.jsonl"))
        let listed = call(again, "job.list", #"{"state":"succeeded"}"#)["result"]?["jobs"]?.arrayValue ?? []
        #expect(Set(listed.compactMap { $0["job_id"]?.stringValue }) == [killed, last, continued])
        server.signal(SIGTERM)
        #expect(server.wait() == 0, "\(server.stderr)")
    }

    @Test func aJobWhoseInputChangedWhileTheServerWasDownFailsWithTheReason() throws {
        let input = corpus("changing.jsonl", copies: 8)
        var (server, socket) = serve()
        let control = try client(socket)
        let job = submit(control, input: input, output: "d.jsonl")
        #expect(waitUntilRunning(control, job))
        server.signal(SIGKILL)
        _ = server.wait()
        let handle = open(input, O_WRONLY | O_APPEND)
        let extra = #"{"id":"extra","text":"one more"}"# + "\n"
        _ = write(handle, extra, extra.utf8.count)
        close(handle)
        (server, socket) = serve()
        let ended = call(try client(socket), "job.wait", #"{"job_id":"\#(job)","timeout":120}"#)["result"]?["job"]
        #expect(ended?["state"]?.stringValue == "failed")
        #expect(ended?["attempts"]?.intValue == 2, "a refused resume is not retried")
        #expect(ended?["error"]?.stringValue?.contains("changed since the interrupted run") == true, "\(ended?.jsonText ?? "")")
        let chat = TextmillBinary.run(["chat", "--connect", "unix:" + socket], stdin: Array("/jobs\n".utf8))
        #expect(chat.stdoutText.contains("\(job) failed"), "\(chat.stdoutText) \(chat.stderr)")
        server.signal(SIGTERM)
        _ = server.wait()
    }

    @Test func aTransientFailureIsRetriedWithBackoffThenReported() throws {
        // Job workers that report another pipeline make every pool start fail (the server's own
        // message processing is in-process, so it is unaffected).
        let socket = directory + "/s.sock"
        let server = BackgroundProcess(
            ["serve", "--listen", "unix:" + socket, "--workers", "1", "--state-dir", directory + "/state", "--job-retries", "1"],
            environment: ["TEXTMILL_FAULT": "fingerprint:0000000000000000"])
        #expect(server.waitForStderr(containing: "jobs: state in"), "\(server.stderr)")
        let control = try client(socket)
        let job = submit(control, input: Fixtures.path("corpora/en.jsonl"), output: "t.jsonl")
        let ended = call(control, "job.wait", #"{"job_id":"\#(job)","timeout":120}"#)["result"]?["job"]
        #expect(ended?["state"]?.stringValue == "failed", "\(ended?.jsonText ?? "")")
        #expect(ended?["attempts"]?.intValue == 2)
        #expect(server.stderr.contains("retrying in 1.0 s"), "\(server.stderr)")
        #expect(call(control, "ping", "{}")["result"]?.stringValue == "pong")
        server.signal(SIGTERM)
        _ = server.wait()
    }

    @Test func tcpTakesJobsOnlyWithRootsAndTheToken() throws {
        mkdir(directory + "/in", 0o755)
        mkdir(directory + "/out", 0o755)
        TextmillBinary.write(directory + "/in/x.jsonl", Fixtures.read(Fixtures.path("corpora/en.jsonl")))
        let submitParams = #"{"inputs":["x.jsonl"],"output":"x.out.jsonl","workers":1}"#

        let open = BackgroundProcess(["serve", "--listen", "tcp:127.0.0.1:0", "--workers", "1", "--state-dir", directory + "/tcp-state"])
        #expect(open.waitForStderr(containing: "jobs: state in"), "\(open.stderr)")
        let port = String(open.stderr.split(separator: "tcp:127.0.0.1:")[1].prefix { $0.isNumber })
        let plain = try #require(LineClient("tcp:127.0.0.1:\(port)"))
        #expect(call(plain, "job.submit", submitParams)["error"]?["code"]?.intValue == -32005)
        open.signal(SIGTERM)
        _ = open.wait()

        TextmillBinary.write(directory + "/token", Array("t0ken\n".utf8))
        chmod(directory + "/token", 0o600)
        let guarded = BackgroundProcess([
            "serve", "--listen", "tcp:127.0.0.1:0", "--workers", "1", "--state-dir", directory + "/tcp-state2",
            "--input-root", directory + "/in", "--output-root", directory + "/out", "--auth-token-file", directory + "/token",
        ])
        #expect(guarded.waitForStderr(containing: "jobs: state in"), "\(guarded.stderr)")
        let guardedPort = String(guarded.stderr.split(separator: "tcp:127.0.0.1:")[1].prefix { $0.isNumber })
        let client = try #require(LineClient("tcp:127.0.0.1:\(guardedPort)"))
        #expect(call(client, "job.submit", submitParams)["error"]?["code"]?.intValue == -32003)
        let escape = call(client, "job.submit", #"{"inputs":["../token"],"output":"y.jsonl"}"#, auth: "t0ken")
        #expect(escape["error"]?["message"]?.stringValue?.contains(".. is not allowed") == true, "\(escape.jsonText)")
        let outside = call(client, "job.submit", #"{"inputs":["x.jsonl"],"output":"/tmp/y.jsonl"}"#, auth: "t0ken")
        #expect(outside["error"]?["message"]?.stringValue?.contains("outside the --output-root") == true, "\(outside.jsonText)")
        let accepted = call(client, "job.submit", submitParams, auth: "t0ken")
        let id = try #require(accepted["result"]?["job_id"]?.stringValue, "\(accepted.jsonText)")
        let ended = call(client, "job.wait", #"{"job_id":"\#(id)","timeout":120}"#, auth: "t0ken")["result"]?["job"]
        #expect(ended?["state"]?.stringValue == "succeeded")
        #expect(output("out/x.out.jsonl") == reference(directory + "/in/x.jsonl", "x.ref.jsonl"))
        guarded.signal(SIGTERM)
        _ = guarded.wait()
    }
}
