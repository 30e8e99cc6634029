import NIOCore
import NIOExtras

/// Last in a connection's pipeline: turns request lines into method calls (through the
/// server's `RPCMethodTable`) and writes their `RPCReply`s as they come, possibly out of order.
///
/// Backpressure is real: while `maxInFlightPerConnection` requests are unanswered, lines are
/// waiting, or the socket is not writable (the client is not reading replies), the handler
/// swallows `read()`, so the kernel's buffers fill and the client blocks. Nothing is buffered
/// without bound: the lines waiting are at most what one read already delivered.
final class RPCHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = RPCReply
    typealias OutboundOut = RPCReply

    private let shared: ServerShared
    private var context: ChannelHandlerContext?
    private var backlog: RequestBacklog
    private var drain: ConnectionDrain
    /// A `read()` was swallowed; it is passed on once reading can resume.
    private var readHeld = false
    private var inputClosed = false
    /// Closing after the replies written so far: nothing more is read or handled.
    private var closing = false
    private var closed = false

    init(shared: ServerShared) {
        self.shared = shared
        backlog = RequestBacklog(maxInFlight: shared.configuration.maxInFlightPerConnection)
        drain = ConnectionDrain(timeout: shared.drainTimeout, now: .now())
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        drain.noteActivity(at: .now())
        let frame = unwrapInboundIn(data)
        if backlog.acceptsNow {
            handle(frame)
        } else {
            backlog.wait(frame)
        }
    }

    func read(context: ChannelHandlerContext) {
        if canRead(context) {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReadingIfPossible()
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            drain.start(at: .now())
            checkDrain()
        } else if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            finishIfDone()
        } else if event is IdleStateHandler.IdleStateEvent {
            if backlog.isIdle { closeAfterReplies(context) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: requests

    private func canRead(_ context: ChannelHandlerContext) -> Bool {
        backlog.acceptsNow && context.channel.isWritable && !drain.deadlinePassed && !closing
    }

    private func handle(_ frame: LineFrame) {
        switch frame {
        case .tooLong(let limit):
            shared.stats.requests.add(1, ordering: .relaxed)
            send(RPCReply.error(
                id: nil, .lineTooLong, "line longer than \(limit) bytes; it was skipped up to its newline",
                data: { $0.beginObject(); $0.key("max_line_bytes"); $0.int(limit); $0.endObject() }))
        case .line(let buffer):
            let bytes = Array(buffer.readableBytesView)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }  // blank lines are ignored
            shared.stats.requests.add(1, ordering: .relaxed)
            switch shared.parser.parse(bytes) {
            case .failure(let failure):
                send(RPCReply.failure(failure))
            case .success(let request):
                call(request)
            }
        }
    }

    private func call(_ request: RPCRequest) {
        guard let context else { return }
        switch request.method.answer(RPCCall(request: request, channel: context.channel, server: shared)) {
        case .now(let reply):
            if request.id != nil { send(reply) }  // a notification gets no reply
        case .later(let future):
            backlog.started()
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            let id = request.id
            let name = request.method.name
            future.hop(to: context.eventLoop).whenComplete { result in
                bound.value.answered(id: id, method: name, result)
            }
        }
    }

    private func answered(id: [UInt8]?, method: String, _ result: Result<RPCReply, any Error>) {
        backlog.finished()
        guard !closed else { return }
        if id != nil {
            switch result {
            case .success(let reply): send(reply)
            case .failure(let error): send(RPCReply.error(id: id, .internalError, "\(method) failed: \(error)"))
            }
        }
        pump()
    }

    /// Handles lines that waited for in-flight room, then reopens reading when it can.
    private func pump() {
        while !closing, let frame = backlog.nextWaiting() {
            handle(frame)
        }
        resumeReadingIfPossible()
        finishIfDone()
    }

    private func resumeReadingIfPossible() {
        guard let context, readHeld, canRead(context) else { return }
        readHeld = false
        drain.noteActivity(at: .now())
        context.read()
    }

    /// Asked every 20 ms once the server drains, until the connection is closed.
    private func checkDrain() {
        guard let context, drain.isDraining, !closed else { return }
        switch drain.check(at: .now(), idle: backlog.isIdle, closing: closing) {
        case .closeNow:
            closing = true
            context.close(promise: nil)
            return
        case .closeAfterReplies:
            closing = true
            closeAfterReplies(context)
        case .keepGoing:
            break
        }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(20)) { bound.value.checkDrain() }
    }

    /// After the client's end of input, the connection closes once every request is answered.
    private func finishIfDone() {
        guard let context, inputClosed, backlog.isIdle, !closing else { return }
        closing = true
        closeAfterReplies(context)
    }

    private func send(_ reply: RPCReply) {
        guard let context, !closed else { return }
        if reply.isError { shared.stats.errorReplies.add(1, ordering: .relaxed) }
        drain.noteActivity(at: .now())
        context.write(wrapOutboundOut(reply), promise: nil)
    }

    private func closeAfterReplies(_ context: ChannelHandlerContext) {
        context.triggerUserOutboundEvent(CloseAfterRepliesEvent(), promise: nil)
    }
}
