import NIOCore
import NIOExtras
import NIOPosix
import Synchronization
import TextmillDocuments

#if canImport(Glibc)
import Glibc
#endif

/// The `textmill serve` server: JSON-RPC 2.0, one object per line, on unix and TCP listeners,
/// over any `ChunkProcessing` (the worker pool, or the in-process processor in tests).
public final class TextmillServer: Sendable {
    public let configuration: ServerConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let shared: ServerShared
    private let listeners = Mutex<[Listener]>([])

    private struct Listener: @unchecked Sendable {
        // Channel is Sendable; the quiescing helper is too (it hops to its loop itself).
        let channel: any Channel
        let quiesce: ServerQuiescingHelper
        let address: ListenAddress
    }

    /// `tokens` answers `encode`, `decode` and `count_tokens` (nil: those methods say the pipeline has no tokenizer).
    public convenience init(processor: any ChunkProcessing, info: ServerInfo, configuration: ServerConfiguration,
                            tokens: (any TokenMethods)? = nil) {
        self.init(processor: processor, info: info, configuration: configuration, tokens: tokens, methods: [])
    }

    /// `methods` are answered besides the built-in ones (`RPCMethodTable.standard`).
    package init(processor: any ChunkProcessing, info: ServerInfo, configuration: ServerConfiguration,
                 tokens: (any TokenMethods)?, methods: [any RPCMethodHandler]) {
        self.configuration = configuration
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        let stats = ServerStats()
        let batcher = RequestBatcher(processor: processor, loop: group.next(), configuration: configuration, stats: stats)
        shared = ServerShared(
            configuration: configuration, info: info, batcher: batcher, stats: stats, tokens: tokens,
            methods: RPCMethodTable.standard.adding(methods))
    }

    /// Binds every listener; returns the addresses as bound (a TCP port 0 becomes the real port).
    /// Fails, binding nothing more, on the first address that cannot be used.
    public func start() async throws -> [ListenAddress] {
        for address in configuration.listen where !address.isLoopback && !configuration.allowNonLoopback {
            throw ListenAddressError(
                "\(address): not a loopback address; binding it exposes the server to the network, pass --allow-non-loopback to do it anyway")
        }
        var bound: [ListenAddress] = []
        for address in configuration.listen {
            bound.append(try await bind(address))
        }
        return bound
    }

    private func bind(_ address: ListenAddress) async throws -> ListenAddress {
        if case .unix(let path) = address { try UnixSocketFile.prepare(path) }
        let quiesce = ServerQuiescingHelper(group: group)
        let shared = self.shared
        let idle = configuration.idleTimeoutSeconds
        let maxLine = configuration.maxLineBytes
        var bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Inbound bytes flow down this list, replies up it.
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ConnectionLimitHandler(stats: shared.stats, maxConnections: shared.configuration.maxConnections))
                    try pipeline.addHandler(ByteToMessageHandler(BoundedLineDecoder(maxLineBytes: maxLine)))
                    try pipeline.addHandler(RPCReplyEncoder())
                    if let idle {
                        try pipeline.addHandler(IdleStateHandler(allTimeout: .milliseconds(Int64(idle * 1000))))
                    }
                    try pipeline.addHandler(RPCHandler(shared: shared))
                }
            }
        let channel: any Channel
        let result: ListenAddress
        switch address {
        case .unix(let path):
            // Created 0600 from the start: the umask closes the window before chmod.
            let old = umask(0o177)
            defer { umask(old) }
            do {
                channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
            } catch {
                throw ListenAddressError("\(address): cannot listen: \(error)")
            }
            chmod(path, 0o600)
            result = address
        case .tcp(let host, let port):
            bootstrap = bootstrap.childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            do {
                channel = try await bootstrap.bind(host: host, port: port).get()
            } catch {
                throw ListenAddressError("\(address): cannot listen: \(error)")
            }
            result = .tcp(host: host, port: channel.localAddress?.port ?? port)
        }
        listeners.withLock { $0.append(Listener(channel: channel, quiesce: quiesce, address: address)) }
        return result
    }

    /// Stops accepting, lets every connection finish the requests it has sent (their replies
    /// are written), closes the connections and removes the unix socket files.
    public func drain() async {
        let all = listeners.withLock { $0 }
        for listener in all {
            let promise = group.next().makePromise(of: Void.self)
            listener.quiesce.initiateShutdown(promise: promise)
            try? await promise.futureResult.get()
            if case .unix(let path) = listener.address { unlink(path) }
        }
    }

    /// Stops the event loops; call after `drain()`.
    public func shutdown() async {
        // The quiescing helpers complete a promise when they go away; let them go while the loops still run.
        listeners.withLock { $0.removeAll() }
        try? await group.shutdownGracefully()
    }
}
