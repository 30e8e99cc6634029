import NIOCore
import Testing
import TextmillJSON
@testable import TextmillServer
import TextmillTestSupport

/// A method added to a server as one handler: listed, answered later with a notification first,
/// and counted in flight meanwhile.
@Suite(.timeLimit(.minutes(2))) struct MethodTableTests {
    /// `test.echo_later`: sends a `test.progress` notification, then answers `params` after 50 ms.
    struct EchoLaterMethod: RPCMethodHandler {
        let name = "test.echo_later"

        func answer(_ call: RPCCall) -> RPCAnswer {
            let params = call.request.params ?? .null
            call.channel.writeAndFlush(RPCReply.notification(method: "test.progress") { $0.value(params) }, promise: nil)
            let id = call.request.id
            let reply = call.eventLoop.scheduleTask(in: .milliseconds(50)) {
                RPCReply.result(id: id) { $0.value(params) }
            }
            return .later(reply.futureResult)
        }
    }

    /// `test.fail_later`: a future that fails, answered as an internal error.
    struct FailLaterMethod: RPCMethodHandler {
        let name = "test.fail_later"
        struct Broken: Error, CustomStringConvertible { var description: String { "broken on purpose" } }

        func answer(_ call: RPCCall) -> RPCAnswer {
            .later(call.eventLoop.makeFailedFuture(Broken()))
        }
    }

    @Test func extraMethodsAreListedAndAnswered() async throws {
        let harness = try await ServerHarness.start(methods: [EchoLaterMethod(), FailLaterMethod()])
        let client = harness.client()
        client.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"# + "\n")
        let methods = Reply.parse(client.readLine())["result"]?["methods"]?.arrayValue?.compactMap(\.stringValue)
        #expect(methods == ["initialize", "process", "stats", "ping", "test.echo_later", "test.fail_later"])

        // One write, so both lines arrive in one read: the ping is answered while the slow method is in flight.
        client.send(#"{"jsonrpc":"2.0","id":2,"method":"test.echo_later","params":{"n":[1,"x"]}}"# + "\n"
                    + #"{"jsonrpc":"2.0","id":3,"method":"ping"}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","method":"test.progress","params":{"n":[1,"x"]}}"#)
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":3,"result":"pong"}"#)
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":2,"result":{"n":[1,"x"]}}"#)
        client.send(#"{"jsonrpc":"2.0","id":4,"method":"stats"}"# + "\n")
        #expect(Reply.parse(client.readLine())["result"]?["requests"]?.intValue == 4)

        client.send(#"{"jsonrpc":"2.0","id":5,"method":"test.fail_later"}"# + "\n")
        #expect(client.readLine() == #"{"jsonrpc":"2.0","id":5,"error":{"code":-32603,"message":"test.fail_later failed: broken on purpose"}}"#)
        client.send(#"{"jsonrpc":"2.0","id":6,"method":"nope"}"# + "\n")
        let message = Reply.parse(client.readLine())["error"]?["message"]?.stringValue
        #expect(message == "method not found: nope (methods: initialize, process, stats, ping, encode, decode, count_tokens, test.echo_later, test.fail_later)")
        await harness.stop()
    }

    @Test func tableFindsMethodsByName() {
        let table = RPCMethodTable.standard.adding([EchoLaterMethod()])
        #expect(table["process"]?.params == .documents)
        #expect(table["ping"]?.params == .value)
        #expect(table["test.echo_later"]?.name == "test.echo_later")
        #expect(table["Ping"] == nil)
        #expect(RPCMethodTable.standard.names == ["initialize", "process", "stats", "ping", "encode", "decode", "count_tokens"])
    }

    @Test func replyLinesAreJSONRPC() {
        func line(_ reply: RPCReply) -> String {
            var buffer = ByteBuffer()
            RPCReplyEncoder.encode(reply, into: &buffer)
            return String(buffer: buffer)
        }
        #expect(line(RPCReply.result(id: Array("7".utf8)) { $0.string("pong") }) == #"{"jsonrpc":"2.0","id":7,"result":"pong"}"# + "\n")
        #expect(line(RPCReply.error(id: nil, .lineTooLong, "too \"long\"") { $0.int(5) })
                == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32002,"message":"too \"long\"","data":5}}"# + "\n")
        #expect(line(RPCReply.failure(RPCFailure(.invalidRequest, "no", id: Array(#""a""#.utf8))))
                == #"{"jsonrpc":"2.0","id":"a","error":{"code":-32600,"message":"no"}}"# + "\n")
        #expect(line(RPCReply.notification(method: "job.progress") { $0.int(1) })
                == #"{"jsonrpc":"2.0","method":"job.progress","params":1}"# + "\n")
    }
}
