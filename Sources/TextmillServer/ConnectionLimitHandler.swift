import NIOCore

/// First in every connection's pipeline: counts connections, and refuses one over
/// `maxConnections` with an `overloaded` error line, closing it once the line is out. Nothing a
/// refused client sends goes further down the pipeline.
final class ConnectionLimitHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let stats: ServerStats
    private let maxConnections: Int
    private var counted = false
    private var refused = false

    init(stats: ServerStats, maxConnections: Int) {
        self.stats = stats
        self.maxConnections = maxConnections
    }

    func channelActive(context: ChannelHandlerContext) {
        counted = true
        stats.connectionsTotal.add(1, ordering: .relaxed)
        let open = stats.connectionsOpen.add(1, ordering: .relaxed).newValue
        if open > maxConnections {
            stats.connectionsRefused.add(1, ordering: .relaxed)
            refused = true
            let reply = RPCReply.error(
                id: nil, .overloaded, "too many connections (the limit is \(maxConnections)); try again later")
            var buffer = context.channel.allocator.buffer(capacity: 128)
            RPCReplyEncoder.encode(reply, into: &buffer)
            let channel = context.channel
            context.write(wrapOutboundOut(buffer), promise: nil)
            context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted { stats.connectionsOpen.subtract(1, ordering: .relaxed) }
        counted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard !refused else { return }
        context.fireUserInboundEventTriggered(event)
    }

    func read(context: ChannelHandlerContext) {
        guard !refused else { return }
        context.read()
    }
}
