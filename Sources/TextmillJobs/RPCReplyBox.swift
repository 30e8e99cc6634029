import TextmillServer

/// An `RPCReply` as an `Error`, so a params check can hand back the reply it failed with.
struct RPCReplyBox: Error {
    let reply: RPCReply
    init(_ reply: RPCReply) { self.reply = reply }
}
