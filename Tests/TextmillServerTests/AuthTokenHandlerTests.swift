import Testing
import TextmillJSON
import TextmillServer
import TextmillTestSupport

/// `--auth-token-file`: on TCP every request must carry the token; unix sockets are guarded by their mode.
@Suite struct AuthTokenHandlerTests {
    @Test func tokenComparisonIsExact() throws {
        let token = try #require(AuthToken("s3cret\n"))
        #expect(token.matches(Array("s3cret".utf8)))
        #expect(!token.matches(Array("s3cre".utf8)))
        #expect(!token.matches(Array("s3cret!".utf8)))
        #expect(!token.matches(Array("S3cret".utf8)))
        #expect(!token.matches([]))
        #expect(AuthToken(" \n") == nil)
    }

    @Test func tcpRequestsNeedTheTokenAndUnixOnesDoNot() async throws {
        let harness = try await ServerHarness.start(tcp: true) { $0.authToken = AuthToken("s3cret") }
        defer { Task { await harness.stop() } }
        guard case .tcp(_, let port) = harness.addresses[1] else { Issue.record("no TCP listener"); return }
        let tcp = try #require(LineClient("tcp:127.0.0.1:\(port)"))
        tcp.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(Reply.errorCode(tcp.readLine()) == -32003)
        tcp.send(#"{"jsonrpc":"2.0","id":2,"method":"ping","auth":"wrong"}"# + "\n")
        let wrong = Reply.parse(tcp.readLine())
        #expect(wrong["error"]?["code"]?.intValue == -32003)
        #expect(wrong["id"]?.intValue == 2)
        tcp.send(#"{"jsonrpc":"2.0","id":3,"method":"ping","auth":"s3cret"}"# + "\n")
        #expect(Reply.parse(tcp.readLine())["result"]?.stringValue == "pong")
        let unix = harness.client()
        unix.send(#"{"jsonrpc":"2.0","id":4,"method":"ping"}"# + "\n")
        #expect(Reply.parse(unix.readLine())["result"]?.stringValue == "pong")
    }
}
