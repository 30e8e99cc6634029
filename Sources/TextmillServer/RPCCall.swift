import NIOCore

/// A request as a method handler sees it, with the connection it came on and the server.
package struct RPCCall {
    package let request: RPCRequest
    /// The connection: its event loop, and where a method that keeps talking (progress
    /// notifications) writes further `RPCReply` values until `channel.closeFuture` completes.
    package let channel: any Channel
    package let server: ServerShared

    package var eventLoop: any EventLoop { channel.eventLoop }
}
