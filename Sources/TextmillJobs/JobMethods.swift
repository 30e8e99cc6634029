import Dispatch
import NIOCore
import TextmillServer

/// The `job.*` methods of `textmill serve` over one queue, each a handler in Methods/ that the
/// server adds to its method table.
package enum JobMethods {
    package static func handlers(_ queue: JobQueue, progressInterval: Double = 0.25) -> [any RPCMethodHandler] {
        [JobSubmitMethod(queue: queue), JobStatusMethod(queue: queue), JobListMethod(queue: queue),
         JobCancelMethod(queue: queue), JobWaitMethod(queue: queue), JobSubscribeMethod(queue: queue, interval: progressInterval)]
    }

    /// Runs `work` off the event loop (it touches the disk: SQLite commits, reading configs) and
    /// answers with its reply when it is done.
    static func offLoop(_ call: RPCCall, _ work: @escaping @Sendable () -> RPCReply) -> RPCAnswer {
        let promise = call.eventLoop.makePromise(of: RPCReply.self)
        DispatchQueue.global().async { promise.succeed(work()) }
        return .later(promise.futureResult)
    }

    /// Whether the call came over TCP (rather than a unix socket).
    static func isTCP(_ call: RPCCall) -> Bool {
        switch call.channel.localAddress {
        case .v4?, .v6?: true
        default: false
        }
    }
}
