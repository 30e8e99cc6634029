import TextmillJSON

/// What `encode`, `decode` and `count_tokens` share: the server must have a tokenizer, params
/// must be an object, and a tokenizer error is an invalid-params reply naming the method.
enum TokenMethodAnswers {
    static func answer(
        _ call: RPCCall, method: String,
        _ body: (_ tokens: any TokenMethods, _ params: JSONValue, _ id: [UInt8]?) throws -> RPCReply
    ) -> RPCReply {
        let id = call.request.id
        guard let tokens = call.server.tokens else {
            return RPCReply.error(id: id, .invalidRequest,
                                  "\(method): this server's pipeline has no tokenizer stage (serve --tokenizer FILE or a tokenizer preset)")
        }
        guard let params = call.request.params, params.objectValue != nil else {
            return RPCReply.error(id: id, .invalidParams, "\(method) needs params as an object")
        }
        do {
            return try body(tokens, params, id)
        } catch let failure as RPCFailure {
            return RPCReply.failure(failure)
        } catch {
            return RPCReply.error(id: id, .invalidParams, "\(method): \(error)")
        }
    }

    /// `encode`'s and `count_tokens`' params: the text, whether to add special tokens (the
    /// tokenizer's default when absent) and whether to return the token strings.
    static func textParams(
        _ params: JSONValue, _ tokens: any TokenMethods, id: [UInt8]?
    ) throws(RPCFailure) -> (text: String, addSpecialTokens: Bool, withTokens: Bool) {
        guard let text = params["text"]?.stringValue else {
            throw RPCFailure(.invalidParams, "params.text must be a string", id: id)
        }
        guard let add = flag(params, "add_special_tokens", tokens.addsSpecialTokensByDefault),
            let withTokens = flag(params, "tokens", false)
        else {
            throw RPCFailure(.invalidParams, "params.add_special_tokens and params.tokens must be true or false", id: id)
        }
        return (text, add, withTokens)
    }

    /// A boolean param: `fallback` when absent, nil when it is not a boolean.
    static func flag(_ params: JSONValue, _ key: String, _ fallback: Bool) -> Bool? {
        guard let value = params[key] else { return fallback }
        return value.boolValue
    }
}
