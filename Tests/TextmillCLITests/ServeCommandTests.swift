import Testing
import TextmillJSON
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `textmill serve` as a process: on the worker pool, with faults, stale sockets and SIGTERM.
@Suite(.timeLimit(.minutes(2))) struct ServeCommandTests {
    static func request(_ id: Int, _ text: String) -> String {
        var w = JSONWriter()
        w.raw(#"{"jsonrpc":"2.0","id":"#)
        w.int(id)
        w.raw(#","method":"process","params":{"id":"#)
        w.int(id)
        w.raw(#","text":"#)
        w.string(text)
        w.raw("}}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test func workerKilledMidRequestGivesOneErrorReplyAndTheServerStaysUp() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/s.sock"
        let server = BackgroundProcess(
            ["serve", "--listen", "unix:" + socket, "--workers", "2"], environment: ["TEXTMILL_FAULT": "kill:POISON"])
        #expect(server.waitForFile(socket), "\(server.stderr)")
        let client = try #require(LineClient("unix:" + socket))
        var batch = ""
        for i in 0..<200 { batch += Self.request(i, i == 77 ? "this one has POISON in it" : "text number \(i)") }
        client.send(batch)
        var byID: [Int: JSONValue] = [:]
        for line in client.readLines(200, timeout: 60) {
            let reply = try JSONValue.parse(line)
            if let id = reply["id"]?.intValue { byID[id] = reply }
        }
        #expect(byID.count == 200)
        for i in 0..<200 {
            let reply = byID[i]
            if i == 77 {
                #expect(reply?["error"]?["code"]?.intValue == -32001)
                #expect(reply?["error"]?["data"]?["error"]?["code"]?.stringValue == "worker_crashed")
            } else {
                #expect(reply?["result"]?["tokens"] == .array(["text", "number", "\(i)"].map(JSONValue.string)), "\(i)")
            }
        }
        // Still serving, on a fresh worker.
        client.send(Self.request(1000, "after the crash"))
        #expect(try JSONValue.parse(client.readLine() ?? "")["result"]?["tokens"]?.arrayValue?.count == 3)
        server.signal(SIGTERM)
        #expect(server.wait() == 0, "\(server.stderr)")
    }

    @Test func sigtermDrainsInFlightRequestsThenExitsZero() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/s.sock"
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--listen", "tcp:127.0.0.1:0", "--workers", "1"])
        #expect(server.waitForFile(socket), "\(server.stderr)")
        #expect(server.waitForStderr(containing: "listening on unix:\(socket), tcp:127.0.0.1:"), "\(server.stderr)")
        let client = try #require(LineClient("unix:" + socket))
        var batch = ""
        for i in 0..<2000 { batch += Self.request(i, "drain me \(i)") }
        client.send(batch)
        server.signal(SIGTERM)
        let replies = client.readLines(2000, timeout: 60)
        #expect(replies.count == 2000)
        #expect(Set(replies.compactMap { (try? JSONValue.parse($0))?["id"]?.intValue }).count == 2000)
        #expect(server.wait() == 0)
        #expect(server.stderr.contains("draining"))
        #expect(access(socket, F_OK) != 0)  // the socket file is removed
    }

    @Test func staleSocketIsReplacedAndOtherFilesAreNot() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/s.sock"
        // A socket file nobody listens on, as a killed server leaves behind.
        let killed = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "1"])
        #expect(killed.waitForFile(socket))
        killed.signal(SIGKILL)
        _ = killed.wait()
        #expect(access(socket, F_OK) == 0)
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "1"])
        var up = false
        for _ in 0..<500 where !up {
            if server.stderr.contains("listening") { up = true } else { usleep(20_000) }
        }
        #expect(up, "\(server.stderr)")
        // A second server on the live socket is refused with exit 2.
        let second = TextmillBinary.run(["serve", "--listen", "unix:" + socket, "--workers", "1"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("another server is listening"))
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
        // A regular file in the way is left alone.
        TextmillBinary.write(dir + "/file", Array("keep me".utf8))
        let blocked = TextmillBinary.run(["serve", "--listen", "unix:" + dir + "/file"])
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("is not a socket"))
        #expect(Fixtures.read(dir + "/file") == Array("keep me".utf8))
    }

    @Test func usageErrorsExitTwo() {
        #expect(TextmillBinary.run(["serve"]).status == 2)
        let open = TextmillBinary.run(["serve", "--listen", "tcp:0.0.0.0:0"])
        #expect(open.status == 2)
        #expect(open.stderr.contains("--allow-non-loopback"))
        #expect(TextmillBinary.run(["serve", "--listen", "udp:1"]).status == 2)
        #expect(TextmillBinary.run(["serve", "--listen", "unix:/tmp/x.sock", "--preset", "nope"]).status == 2)
    }
}
