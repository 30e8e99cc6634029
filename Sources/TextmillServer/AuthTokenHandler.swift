import NIOCore
import TextmillJSON

/// Between the line decoder and `RPCHandler` on a TCP connection when the server has an auth token: a request line
/// passes on only when its top-level `"auth"` member is the token; any other line is answered
/// with an `unauthorized` error and dropped, whatever its method.
final class AuthTokenHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame
    typealias OutboundOut = RPCReply

    private let token: AuthToken
    private let authKey = Array("auth".utf8)
    private let idKey = Array("id".utf8)

    init(token: AuthToken) {
        self.token = token
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let buffer) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        let line = Array(buffer.readableBytesView)
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return context.fireChannelRead(data) }
        let (authorized, id) = check(line)
        if authorized { return context.fireChannelRead(data) }
        let reply = RPCReply.error(id: id, .unauthorized, "unauthorized: every request on this TCP listener must carry \"auth\": the server's token")
        context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
    }

    /// Whether `line` carries the token, and its id as written (for the error reply).
    private func check(_ line: [UInt8]) -> (Bool, [UInt8]?) {
        line.withUnsafeBufferPointer { bytes in
            guard let root = try? JSONParser.parse(bytes), let members = root.members else { return (false, nil) }
            var id: [UInt8]?
            if let member = members.last(where: { JSONStringDecoding.equals($0.key, in: bytes, idKey) }) {
                switch member.value {
                case .null: id = Array("null".utf8)
                case .number(let range): id = Array(bytes[range])
                case .string(let span): id = Array(bytes[(span.range.lowerBound - 1)..<(span.range.upperBound + 1)])
                default: id = nil
                }
            }
            guard let auth = members.last(where: { JSONStringDecoding.equals($0.key, in: bytes, authKey) }),
                case .string(let span) = auth.value
            else { return (false, id) }
            let candidate = Array(JSONStringDecoding.decodeString(span, in: bytes).utf8)
            return (token.matches(candidate), id)
        }
    }
}
