/// `decode`: `{"ids", "skip_special_tokens"?}` → `{"text"}`.
struct DecodeMethod: RPCMethodHandler {
    let name = "decode"

    func isOffered(on server: ServerShared) -> Bool { server.tokens != nil }

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(TokenMethodAnswers.answer(call, method: name) { tokens, params, id in
            guard let list = params["ids"]?.arrayValue else {
                return RPCReply.error(id: id, .invalidParams, "params.ids must be an array of token ids")
            }
            var ids: [UInt32] = []
            ids.reserveCapacity(list.count)
            for (position, item) in list.enumerated() {
                guard let value = item.intValue, let tokenID = UInt32(exactly: value) else {
                    return RPCReply.error(id: id, .invalidParams, "params.ids[\(position)] is not a token id")
                }
                guard tokens.knows(tokenID) else {
                    return RPCReply.error(id: id, .invalidParams, "params.ids[\(position)]: \(tokenID) is not in the tokenizer's vocabulary")
                }
                ids.append(tokenID)
            }
            guard let skip = TokenMethodAnswers.flag(params, "skip_special_tokens", false) else {
                return RPCReply.error(id: id, .invalidParams, "params.skip_special_tokens must be true or false")
            }
            let text = tokens.decode(ids, skipSpecialTokens: skip)
            return RPCReply.result(id: id) { w in
                w.beginObject(); w.key("text"); w.string(text); w.endObject()
            }
        })
    }
}
