/// `count_tokens`: `{"text", "add_special_tokens"?}` → `{"count"}`.
struct CountTokensMethod: RPCMethodHandler {
    let name = "count_tokens"

    func isOffered(on server: ServerShared) -> Bool { server.tokens != nil }

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(TokenMethodAnswers.answer(call, method: name) { tokens, params, id in
            // `tokens` is read as in `encode` (and ignored), so the two methods accept the same params.
            let (text, add, _) = try TokenMethodAnswers.textParams(params, tokens, id: id)
            let count = try tokens.countTokens(text, addSpecialTokens: add)
            return RPCReply.result(id: id) { w in
                w.beginObject(); w.key("count"); w.int(count); w.endObject()
            }
        })
    }
}
