/// Outbound event asking `RPCReplyEncoder` to close the connection once the replies already
/// written have gone out (a plain close would drop replies still waiting for the socket).
struct CloseAfterRepliesEvent: Sendable {}
