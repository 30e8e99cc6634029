import Synchronization
import Testing
import TextmillJSON
import TextmillServer
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The JSON-RPC line protocol over a real unix socket: methods, error codes, limits.
@Suite(.timeLimit(.minutes(2))) struct ProtocolTests {
    @Test func pingInitializeAndStats() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
        client.send(#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{}}"# + "\n")
        let info = Reply.parse(client.readLine())
        #expect(info["id"]?.stringValue == "init")
        #expect(info["result"]?["protocol_version"]?.intValue == 1)
        #expect(info["result"]?["pipeline"]?.stringValue == "icu-words")
        #expect(info["result"]?["fingerprint"]?.stringValue?.count == 16)
        #expect(info["result"]?["max_line_bytes"]?.intValue == 1 << 20)
        #expect(info["result"]?["max_in_flight"]?.intValue == 256)
        client.send(Reply.process(id: 2, text: "Hello World"))
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":2,"result":{"id":1,"tokens":["hello","world"],"offsets":[[0,5],[6,11]]}}"#)
        client.send(#"{"jsonrpc":"2.0","id":3,"method":"stats"}"# + "\n")
        let stats = Reply.parse(client.readLine())["result"]
        #expect(stats?["requests"]?.intValue == 4)
        #expect(stats?["documents"]?.intValue == 1)
        #expect(stats?["connections_open"]?.intValue == 1)
        await harness.stop()
    }

    @Test func processRecordsKeepIdsAndLists() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"process","params":{"id":"doc-7","text":"Straße ﬁne"}}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":1,"result":{"id":"doc-7","tokens":["strasse","fine"],"offsets":[[0,6],[7,10]]}}"#)
        client.send(#"{"jsonrpc":"2.0","id":2,"method":"process","params":{"texts":["a b",{"id":9,"text":"c"},{"id":10}]}}"# + "\n")
        let list = Reply.parse(client.readLine())["result"]
        let records = list?["records"]?.arrayValue ?? []
        #expect(records.count == 3)
        #expect(records.first?["id"]?.intValue == 1)
        #expect(records.first?["tokens"] == .array([.string("a"), .string("b")]))
        #expect(records.dropFirst().first?["id"]?.intValue == 9)
        #expect(records.last?["error"]?["code"]?.stringValue == "missing_text")
        #expect(list?["failed"] == .array([.number(2, literal: "2")]))
        await harness.stop()
    }

    @Test func malformedAndWrongRequestsGetTheirErrorCodes() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        let cases: [(String, Int, JSONValue)] = [
            (#"{"jsonrpc":"2.0","id":1,"method":"process","params":{"text":"x"}"#, -32700, .null),
            ("not json at all", -32700, .null),
            (#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#, -32600, .null),
            (#""just a string""#, -32600, .null),
            (#"{"id":2,"method":"ping"}"#, -32600, .number(2, literal: "2")),
            (#"{"jsonrpc":"1.0","id":3,"method":"ping"}"#, -32600, .number(3, literal: "3")),
            (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, -32600, .null),
            (#"{"jsonrpc":"2.0","id":4,"method":7}"#, -32600, .number(4, literal: "4")),
            (#"{"jsonrpc":"2.0","id":5,"method":"tokenize"}"#, -32601, .number(5, literal: "5")),
            (#"{"jsonrpc":"2.0","id":6,"method":"process"}"#, -32602, .number(6, literal: "6")),
            (#"{"jsonrpc":"2.0","id":7,"method":"process","params":[1]}"#, -32602, .number(7, literal: "7")),
            (#"{"jsonrpc":"2.0","id":8,"method":"process","params":{"text":42}}"#, -32602, .number(8, literal: "8")),
            (#"{"jsonrpc":"2.0","id":9,"method":"process","params":{"txt":"x"}}"#, -32602, .number(9, literal: "9")),
            (#"{"jsonrpc":"2.0","id":10,"method":"process","params":{"texts":"x"}}"#, -32602, .number(10, literal: "10")),
            (#"{"jsonrpc":"2.0","id":11,"method":"process","params":{"texts":["a",5]}}"#, -32602, .number(11, literal: "11")),
        ]
        for (line, code, id) in cases {
            client.send(line + "\n")
            let reply = Reply.parse(client.readLine())
            #expect(reply["error"]?["code"]?.intValue == code, "\(line)")
            #expect(reply["id"] == id, "\(line)")
            #expect(reply["jsonrpc"]?.stringValue == "2.0")
        }
        // The connection is still fine after all of that.
        client.send(#"{"jsonrpc":"2.0","id":13,"method":"ping"}"# + "\n")
        #expect(Reply.parse(client.readLine())["result"]?.stringValue == "pong")
        await harness.stop()
    }

    @Test func documentFailureCarriesTheErrorRecord() async throws {
        let strict = #"{"version": 1, "name": "strict", "stages": [{"type": "words"}], "output": {"fields": ["id", "tokens"]}}"#
        let harness = try await ServerHarness.start(configJSON: strict)
        let client = harness.client()
        client.send(Array(#"{"jsonrpc":"2.0","id":"s","method":"process","params":{"id":"d1","text":"bad "#.utf8) + [0xFF]
            + Array(#" byte"}}"#.utf8) + [0x0A])
        let failed = Reply.parse(client.readLine())
        #expect(failed["id"]?.stringValue == "s")
        #expect(failed["error"]?["code"]?.intValue == -32001)
        #expect(failed["error"]?["message"]?.stringValue?.hasPrefix("document failed: invalid_utf8") == true)
        #expect(failed["error"]?["data"]?["id"]?.stringValue == "d1")
        #expect(failed["error"]?["data"]?["error"]?["code"]?.stringValue == "invalid_utf8")
        client.send(Reply.process(id: 2, text: "fine"))
        #expect(Reply.parse(client.readLine())["result"]?["tokens"] == .array([.string("fine")]))
        await harness.stop()
    }

    @Test func oversizeLineGetsAnErrorAndTheNextLineWorks() async throws {
        let harness = try await ServerHarness.start { $0.maxLineBytes = 1000 }
        let client = harness.client()
        let big = Reply.process(id: 1, text: String(repeating: "word ", count: 5000))
        client.send(big + #"{"jsonrpc":"2.0","id":2,"method":"ping"}"# + "\n")
        let first = Reply.parse(client.readLine())
        #expect(first["error"]?["code"]?.intValue == -32002)
        #expect(first["id"] == .null)
        #expect(first["error"]?["data"]?["max_line_bytes"]?.intValue == 1000)
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":2,"result":"pong"}"#)
        // A line exactly at the limit is fine, and CRLF line ends are accepted.
        let prefix = #"{"jsonrpc":"2.0","id":3,"method":"ping","pad":""#
        let exact = prefix + String(repeating: "x", count: 1000 - prefix.utf8.count - 2) + #""}"#
        #expect(exact.utf8.count == 1000)
        client.send(exact + "\r\n")
        #expect(Reply.parse(client.readLine())["result"]?.stringValue == "pong")
        await harness.stop()
    }

    @Test func notificationsAndBlankLinesGetNoReply() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        client.send(#"{"jsonrpc":"2.0","method":"ping"}"# + "\n\n   \n" + #"{"jsonrpc":"2.0","method":"process","params":{"text":"x"}}"# + "\n")
        client.send(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":null,"result":"pong"}"#)
        await harness.stop()
    }

    @Test func endOfInputStillGetsEveryReply() async throws {
        let harness = try await ServerHarness.start()
        let client = harness.client()
        var batch = ""
        for i in 0..<100 { batch += Reply.process(id: i, text: "message \(i)") }
        client.send(batch + #"{"jsonrpc":"2.0","id":"last","method":"ping"}"#)  // no final newline, then EOF
        client.shutdownWrite()
        let replies = client.readLines(200)
        #expect(replies.count == 101)
        // Generous: on a loaded 2-core machine the close after the last reply once took over 5 s.
        #expect(client.isClosedByPeer(timeout: 30))
        await harness.stop()
    }

    @Test func tcpListenerOnLoopback() async throws {
        let harness = try await ServerHarness.start(tcp: true)
        guard case .tcp(_, let port) = harness.addresses[1] else { Issue.record("no tcp address"); return }
        #expect(port > 0)
        let client = try #require(LineClient("tcp:127.0.0.1:\(port)"))
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
        await harness.stop()
    }

    @Test func maxConnectionsRefusesTheExtraOne() async throws {
        let harness = try await ServerHarness.start { $0.maxConnections = 2 }
        let a = harness.client(), b = harness.client()
        a.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        b.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(a.readLine() != nil && b.readLine() != nil)
        let c = harness.client()
        #expect(Reply.errorCode(c.readLine()) == -32000)
        #expect(c.isClosedByPeer())
        await harness.stop()
    }

    @Test func idleConnectionsAreClosed() async throws {
        let harness = try await ServerHarness.start { $0.idleTimeoutSeconds = 0.2 }
        let client = harness.client()
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(client.readLine() != nil)
        #expect(client.isClosedByPeer(timeout: 5))
        await harness.stop()
    }

    @Test func unixSocketIsPrivateAndStaleSocketsAreReplaced() async throws {
        let harness = try await ServerHarness.start()
        var info = stat()
        #expect(lstat(harness.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        // A second server on the same live socket is refused.
        var configuration = ServerConfiguration(listen: [.unix(path: harness.socketPath)])
        configuration.threads = 1
        let info2 = ServerInfo(serverVersion: "t", pipelineName: "x", fingerprint: "0", preset: nil, fields: [])
        let second = TextmillServer(processor: NoProcessor(), info: info2, configuration: configuration)
        await #expect(throws: ListenAddressError.self) { try await second.start() }
        await second.shutdown()
        // Stopping removes the socket file.
        await harness.stop()
        #expect(lstat(harness.socketPath, &info) != 0)
    }

    /// Binding once set the process umask to 0177 for a moment; a test's temporary directory
    /// made meanwhile on another thread came out 0600 and PostgreSQL's initdb could not write
    /// there. A thread watches the umask (from /proc, which reading does not change) while
    /// servers bind.
    @Test func bindingAUnixSocketLeavesTheProcessUmaskAlone() async throws {
        let watcher = try #require(UmaskWatcher())
        for _ in 0..<10 {
            let harness = try await ServerHarness.start()
            var info = stat()
            #expect(lstat(harness.socketPath, &info) == 0 && info.st_mode & 0o777 == 0o600)
            await harness.stop()
        }
        #expect(watcher.stop() == 0, "the umask changed while servers bound their sockets")
    }

    @Test func nonLoopbackNeedsTheFlag() async throws {
        var configuration = ServerConfiguration(listen: [.tcp(host: "0.0.0.0", port: 0)])
        configuration.threads = 1
        let info = ServerInfo(serverVersion: "t", pipelineName: "x", fingerprint: "0", preset: nil, fields: [])
        let server = TextmillServer(processor: NoProcessor(), info: info, configuration: configuration)
        await #expect(throws: ListenAddressError.self) { try await server.start() }
        await server.shutdown()
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: "tcp:127.0.0.1:99999") }
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: "udp:x") }
        #expect(try ListenAddress(parsing: "tcp:[::1]:80") == .tcp(host: "::1", port: 80))
        #expect(try ListenAddress(parsing: "tcp:[::1]:80").isLoopback)
        #expect(try !ListenAddress(parsing: "tcp:10.0.0.1:80").isLoopback)
    }
}
