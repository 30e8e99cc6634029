import TextmillJSON
import TextmillServer

/// The `job.*` methods of `textmill serve`, each answered by its own type in Methods/.
public struct JobMethods: LineMethods {
    public let queue: JobQueue
    /// Notifications per second for `job.subscribe`.
    public var progressInterval = 0.25

    public init(queue: JobQueue) {
        self.queue = queue
    }

    public var methodPrefix: String { "job." }

    public var methodNames: [String] { JobMethodName.allCases.map(\.rawValue) }

    public func answer(_ call: LineMethodCall, on connection: LineConnection) {
        guard let method = JobMethodName(rawValue: call.method) else {
            return connection.send(RPCReply.error(
                id: call.id, .methodNotFound,
                "method not found: \(call.method) (job methods: \(methodNames.joined(separator: ", ")))"))
        }
        switch method {
        case .submit: JobSubmitMethod(queue: queue).answer(call, on: connection)
        case .status: JobStatusMethod(queue: queue).answer(call, on: connection)
        case .list: JobListMethod(queue: queue).answer(call, on: connection)
        case .cancel: JobCancelMethod(queue: queue).answer(call, on: connection)
        case .wait: JobWaitMethod(queue: queue).answer(call, on: connection)
        case .subscribe: JobSubscribeMethod(queue: queue, interval: progressInterval).answer(call, on: connection)
        }
    }
}

/// The job methods' names on the wire.
enum JobMethodName: String, CaseIterable {
    case submit = "job.submit"
    case status = "job.status"
    case list = "job.list"
    case cancel = "job.cancel"
    case wait = "job.wait"
    case subscribe = "job.subscribe"
}
