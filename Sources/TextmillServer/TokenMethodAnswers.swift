import TextmillJSON

/// Answers `encode` (`{"text", "add_special_tokens"?, "tokens"?}` → `{"ids", "count"[, "tokens"]}`),
/// `count_tokens` (`{"text", "add_special_tokens"?}` → `{"count"}`) and `decode`
/// (`{"ids", "skip_special_tokens"?}` → `{"text"}`) with the server's tokenizer.
enum TokenMethodAnswers {
    static func answer(_ request: RPCRequest, tokens: (any TokenMethods)?) -> [UInt8] {
        guard let tokens else {
            return RPCReply.error(id: request.id, .invalidRequest,
                                  "\(request.method.rawValue): this server's pipeline has no tokenizer stage (serve --tokenizer FILE or a tokenizer preset)")
        }
        guard let params = request.params, params.objectValue != nil else {
            return RPCReply.error(id: request.id, .invalidParams, "\(request.method.rawValue) needs params as an object")
        }
        func flag(_ key: String, _ fallback: Bool) -> Bool? {
            guard let value = params[key] else { return fallback }
            return value.boolValue
        }
        do {
            switch request.method {
            case .encode, .countTokens:
                guard let text = params["text"]?.stringValue else {
                    return RPCReply.error(id: request.id, .invalidParams, "params.text must be a string")
                }
                guard let add = flag("add_special_tokens", tokens.addsSpecialTokensByDefault), let withTokens = flag("tokens", false) else {
                    return RPCReply.error(id: request.id, .invalidParams, "params.add_special_tokens and params.tokens must be true or false")
                }
                if request.method == .countTokens {
                    let count = try tokens.countTokens(text, addSpecialTokens: add)
                    return RPCReply.result(id: request.id) { w in
                        w.beginObject(); w.key("count"); w.int(count); w.endObject()
                    }
                }
                let encoded = try tokens.encode(text, addSpecialTokens: add, withTokens: withTokens)
                return RPCReply.result(id: request.id) { w in
                    w.beginObject()
                    w.key("ids")
                    w.beginArray()
                    for (i, id) in encoded.ids.enumerated() {
                        if i > 0 { w.comma() }
                        w.int(Int(id))
                    }
                    w.endArray()
                    w.comma()
                    w.key("count"); w.int(encoded.ids.count)
                    if let strings = encoded.tokens {
                        w.comma()
                        w.key("tokens"); w.value(.array(strings.map { .string($0) }))
                    }
                    w.endObject()
                }
            case .decode:
                guard let list = params["ids"]?.arrayValue else {
                    return RPCReply.error(id: request.id, .invalidParams, "params.ids must be an array of token ids")
                }
                var ids: [UInt32] = []
                ids.reserveCapacity(list.count)
                for (position, item) in list.enumerated() {
                    guard let value = item.intValue, let id = UInt32(exactly: value) else {
                        return RPCReply.error(id: request.id, .invalidParams, "params.ids[\(position)] is not a token id")
                    }
                    ids.append(id)
                }
                guard let skip = flag("skip_special_tokens", false) else {
                    return RPCReply.error(id: request.id, .invalidParams, "params.skip_special_tokens must be true or false")
                }
                let text = tokens.decode(ids, skipSpecialTokens: skip)
                return RPCReply.result(id: request.id) { w in
                    w.beginObject(); w.key("text"); w.string(text); w.endObject()
                }
            default:
                return RPCReply.error(id: request.id, .invalidRequest, "\(request.method.rawValue) is not a token method")
            }
        } catch {
            return RPCReply.error(id: request.id, .invalidParams, "\(request.method.rawValue): \(error)")
        }
    }
}
