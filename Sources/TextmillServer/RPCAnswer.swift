import NIOCore

/// What a method does with a request: reply at once, or reply when a future completes.
package enum RPCAnswer {
    case now(RPCReply)
    /// The request counts as in flight (against `maxInFlightPerConnection`) until the future
    /// completes; a failed future is answered with an internal error.
    case later(EventLoopFuture<RPCReply>)
}
