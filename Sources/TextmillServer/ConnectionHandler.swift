import NIOCore
import NIOExtras
import TextmillJSON

/// One client connection: parses request lines, answers the quick methods at once, sends
/// `process` requests to the batcher, and writes replies as they come (possibly out of order).
///
/// Backpressure is real: while `maxInFlight` requests are unanswered, lines are waiting, or the
/// socket is not writable (the client is not reading replies), the handler swallows `read()`, so
/// the kernel's buffers fill and the client blocks. Nothing is buffered without bound: the lines
/// waiting are at most what one read already delivered.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let shared: ServerShared
    private var context: ChannelHandlerContext?
    private var inFlight = 0
    private var waiting: [LineFrame] = []
    private var waitingHead = 0
    private var readHeld = false
    private var inputClosed = false
    /// Set by SIGTERM's quiesce event: see `checkDrain`.
    private var drainStarted: NIODeadline?
    private var drainDeadlinePassed = false
    /// Last read, reply or reopening of reads: a connection quiet since then has nothing more coming.
    private var lastActivity = NIODeadline.now()
    private var closing = false
    private var closed = false
    private var flushScheduled = false
    private var counted = false

    init(shared: ServerShared) {
        self.shared = shared
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        counted = true
        shared.stats.connectionsTotal.add(1, ordering: .relaxed)
        let open = shared.stats.connectionsOpen.add(1, ordering: .relaxed).newValue
        if open > shared.configuration.maxConnections {
            shared.stats.connectionsRefused.add(1, ordering: .relaxed)
            closing = true
            send(RPCReply.error(
                id: nil, .overloaded, "too many connections (the limit is \(shared.configuration.maxConnections)); try again later"))
            closeAfterWrites(context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        if counted { shared.stats.connectionsOpen.subtract(1, ordering: .relaxed) }
        counted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        lastActivity = .now()
        let frame = unwrapInboundIn(data)
        if inFlight >= shared.configuration.maxInFlightPerConnection || waitingHead < waiting.count {
            waiting.append(frame)
        } else {
            handle(frame)
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
            drainStarted = .now()
            checkDrain()
        } else if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            finishIfDone()
        } else if event is IdleStateHandler.IdleStateEvent {
            if inFlight == 0 && waitingHead == waiting.count { closeAfterWrites(context) }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: requests

    private func canRead(_ context: ChannelHandlerContext) -> Bool {
        inFlight < shared.configuration.maxInFlightPerConnection && waitingHead == waiting.count
            && context.channel.isWritable && !drainDeadlinePassed && !closing
    }

    private func handle(_ frame: LineFrame) {
        switch frame {
        case .tooLong(let limit):
            shared.stats.requests.add(1, ordering: .relaxed)
            sendError(RPCReply.error(
                id: nil, .lineTooLong, "line longer than \(limit) bytes; it was skipped up to its newline",
                data: { $0.beginObject(); $0.key("max_line_bytes"); $0.int(limit); $0.endObject() }))
        case .line(let buffer):
            let bytes = Array(buffer.readableBytesView)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }  // blank lines are ignored
            shared.stats.requests.add(1, ordering: .relaxed)
            switch shared.parser.parse(bytes) {
            case .failure(let failure):
                sendError(RPCReply.failure(failure))
            case .success(let request):
                answer(request)
            }
        }
    }

    private func answer(_ request: RPCRequest) {
        switch request.method {
        case .ping:
            reply(request, RPCReply.result(id: request.id) { $0.string("pong") })
        case .initialize:
            reply(request, RPCReply.result(id: request.id) { shared.writeInfo(to: &$0) })
        case .stats:
            reply(request, RPCReply.result(id: request.id) { shared.stats.write(to: &$0) })
        case .encode, .decode, .countTokens:
            reply(request, TokenMethodAnswers.answer(request, tokens: shared.tokens))
        case .process:
            inFlight += 1
            shared.stats.inFlight.add(1, ordering: .relaxed)
            let bound = NIOLoopBound(self, eventLoop: context!.eventLoop)
            let loop = context!.eventLoop
            let id = request.id
            let isList = request.isList
            shared.batcher.submit(RequestBatcher.Job(documents: request.documents, loop: loop) { result in
                bound.value.processed(id: id, isList: isList, result)
            })
        }
    }

    private func processed(id: [UInt8]?, isList: Bool, _ result: Result<BatchedRecords, any Error>) {
        inFlight -= 1
        shared.stats.inFlight.subtract(1, ordering: .relaxed)
        guard !closed else { return }
        if id != nil {
            switch result {
            case .failure(let error):
                sendError(RPCReply.error(id: id, .internalError, "processing failed: \(error)"))
            case .success(let records) where isList:
                send(RPCReply.result(id: id) { w in
                    w.raw(#"{"records":["#)
                    for (i, line) in records.lines.enumerated() {
                        if i > 0 { w.comma() }
                        w.raw(line)
                    }
                    w.raw(#"],"failed":["#)
                    var first = true
                    for (i, failed) in records.failed.enumerated() where failed {
                        if !first { w.comma() }
                        first = false
                        w.int(i)
                    }
                    w.raw("]}")
                })
            case .success(let records) where records.failed.first == true:
                let record = records.lines[0]
                let error = (try? JSONValue.parse(Array(record)))?["error"]
                let code = error?["code"]?.stringValue ?? "error"
                let message = error?["message"]?.stringValue ?? ""
                sendError(RPCReply.error(id: id, .documentFailed, "document failed: \(code): \(message)", data: { $0.raw(record) }))
            case .success(let records):
                send(RPCReply.result(id: id) { $0.raw(records.lines[0]) })
            }
        }
        pump()
    }

    /// Handles lines that waited for in-flight room, then reopens reading when it can.
    private func pump() {
        while waitingHead < waiting.count && inFlight < shared.configuration.maxInFlightPerConnection && !closing {
            let frame = waiting[waitingHead]
            waitingHead += 1
            handle(frame)
        }
        if waitingHead == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            waitingHead = 0
        }
        resumeReadingIfPossible()
        finishIfDone()
    }

    private func resumeReadingIfPossible() {
        guard let context, readHeld, canRead(context) else { return }
        readHeld = false
        lastActivity = .now()
        context.read()
    }

    /// Draining after SIGTERM: requests the client already sent (in flight, waiting, or still in
    /// the socket buffer) are answered; the connection closes once nothing is in flight and it
    /// has been quiet for `drainQuiet`, or, at the latest, when `drainTimeout` has passed and the
    /// requests read by then are answered.
    private func checkDrain() {
        guard let context, let started = drainStarted, !closed else { return }
        let now = NIODeadline.now()
        // A client that does not read its replies must not hold up the shutdown: a second
        // deadline later the connection is closed, dropping what it would not take.
        if now - started >= shared.drainTimeout + shared.drainTimeout {
            closing = true
            context.close(promise: nil)
            return
        }
        if !closing {
            if now - started >= shared.drainTimeout { drainDeadlinePassed = true }
            let idle = inFlight == 0 && waitingHead == waiting.count
            if idle && (drainDeadlinePassed || now - lastActivity >= Self.drainQuiet) {
                closing = true
                closeAfterWrites(context)
            }
        }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(20)) { bound.value.checkDrain() }
    }

    private static let drainQuiet = TimeAmount.milliseconds(100)

    /// After the client's end of input, the connection closes once every request is answered.
    private func finishIfDone() {
        guard let context, inputClosed, inFlight == 0, waitingHead == waiting.count, !closing else { return }
        closing = true
        closeAfterWrites(context)
    }

    private func reply(_ request: RPCRequest, _ bytes: @autoclosure () -> [UInt8]) {
        guard request.id != nil else { return }  // a notification gets no reply
        send(bytes())
    }

    private func sendError(_ bytes: [UInt8]) {
        shared.stats.errorReplies.add(1, ordering: .relaxed)
        send(bytes)
    }

    private func send(_ bytes: [UInt8]) {
        guard let context, !closed else { return }
        lastActivity = .now()
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        guard !flushScheduled else { return }
        // One flush for all the replies produced in this turn of the event loop.
        flushScheduled = true
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let handler = bound.value
            handler.flushScheduled = false
            handler.context?.flush()
        }
    }

    private func closeAfterWrites(_ context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
