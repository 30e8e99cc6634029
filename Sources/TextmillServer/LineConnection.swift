import NIOCore

/// A client connection as `LineMethods` see it: send whole reply or notification lines from any
/// thread, learn whether it is still open, and whether it came over TCP.
public struct LineConnection: Sendable {
    let channel: any Channel
    /// True for a TCP listener, false for a unix socket.
    public let isTCP: Bool

    init(channel: any Channel, isTCP: Bool) {
        self.channel = channel
        self.isTCP = isTCP
    }

    /// Writes one line (it must end with `\n`); dropped when the connection is closed.
    public func send(_ line: [UInt8]) {
        guard channel.isActive else { return }
        channel.writeAndFlush(channel.allocator.buffer(bytes: line), promise: nil)
    }

    public var isOpen: Bool { channel.isActive }

    /// Runs `body` once when the connection closes.
    public func onClose(_ body: @escaping @Sendable () -> Void) {
        channel.closeFuture.whenComplete { _ in body() }
    }
}
