import TextmillServer

/// Reading the params the job methods share.
enum JobMethodParams {
    /// `params.job_id`, or the invalid-params reply to send instead.
    static func jobID(_ call: RPCCall) -> Result<String, RPCReplyBox> {
        if let id = call.request.params?["job_id"]?.stringValue { return .success(id) }
        return .failure(RPCReplyBox(RPCReply.error(
            id: call.request.id, .invalidParams, "\(call.request.method.name) needs params {\"job_id\": \"…\"}")))
    }

    static func notFound(_ id: String, _ call: RPCCall) -> RPCReply {
        RPCReply.error(id: call.request.id, .jobNotFound, "no job \(id)")
    }
}
