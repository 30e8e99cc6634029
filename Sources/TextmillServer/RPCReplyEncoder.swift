import NIOCore
import TextmillJSON

/// Turns `RPCReply` values into reply lines, and flushes once per turn of the event loop
/// however many replies that turn produced (a chunk's worth of replies is one socket write).
///
/// `CloseAfterRepliesEvent` closes the connection once every reply written before it has
/// reached the socket.
final class RPCReplyEncoder: ChannelOutboundHandler {
    typealias OutboundIn = RPCReply
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    private var flushScheduled = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let reply = unwrapOutboundIn(data)
        var buffer = context.channel.allocator.buffer(capacity: Self.capacity(for: reply))
        Self.encode(reply, into: &buffer)
        context.write(wrapOutboundOut(buffer), promise: promise)
        guard !flushScheduled else { return }
        flushScheduled = true
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let encoder = bound.value
            encoder.flushScheduled = false
            encoder.context?.flush()
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is CloseAfterRepliesEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        let channel = context.channel
        // An empty write completes after every write queued before it.
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            channel.close(promise: promise)
        }
    }

    /// Writes the line for `reply`, ending with `\n`.
    static func encode(_ reply: RPCReply, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"jsonrpc":"2.0","#)
        switch reply.body {
        case .result(let result):
            buffer.writeStaticString(#""id":"#)
            buffer.writeBytes(reply.id ?? nullID)
            buffer.writeStaticString(#","result":"#)
            buffer.writeBytes(result)
        case .error(let code, let message, let data):
            var w = JSONWriter(capacity: message.utf8.count + 48)
            w.int(code.rawValue)
            w.raw(#","message":"#)
            w.string(message)
            buffer.writeStaticString(#""id":"#)
            buffer.writeBytes(reply.id ?? nullID)
            buffer.writeStaticString(#","error":{"code":"#)
            buffer.writeBytes(w.bytes)
            if let data {
                buffer.writeStaticString(#","data":"#)
                buffer.writeBytes(data)
            }
            buffer.writeStaticString("}")
        case .notification(let method, let params):
            var w = JSONWriter(capacity: method.utf8.count + 8)
            w.string(method)
            buffer.writeStaticString(#""method":"#)
            buffer.writeBytes(w.bytes)
            buffer.writeStaticString(#","params":"#)
            buffer.writeBytes(params)
        }
        buffer.writeStaticString("}\n")
    }

    /// Room for the whole line, so a large `process` reply is not regrown while it is written.
    private static func capacity(for reply: RPCReply) -> Int {
        switch reply.body {
        case .result(let result): result.count + (reply.id?.count ?? 4) + 40
        case .error(_, let message, let data): message.utf8.count * 2 + (data?.count ?? 0) + (reply.id?.count ?? 4) + 80
        case .notification(let method, let params): method.utf8.count * 2 + params.count + 48
        }
    }

    private static let nullID: [UInt8] = Array("null".utf8)
}
