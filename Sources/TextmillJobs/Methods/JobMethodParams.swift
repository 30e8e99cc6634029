import TextmillServer

/// Reading the params the job methods share, answering the error when they are wrong.
enum JobMethodParams {
    /// `params.job_id`, or nil after sending an invalid-params error.
    static func jobID(_ call: LineMethodCall, on connection: LineConnection) -> String? {
        if let id = call.params?["job_id"]?.stringValue { return id }
        connection.send(RPCReply.error(id: call.id, .invalidParams, "\(call.method) needs params {\"job_id\": \"…\"}"))
        return nil
    }

    static func notFound(_ id: String, _ call: LineMethodCall, on connection: LineConnection) {
        connection.send(RPCReply.error(id: call.id, .jobNotFound, "no job \(id)"))
    }
}
