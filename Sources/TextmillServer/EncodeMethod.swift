/// `encode`: `{"text", "add_special_tokens"?, "tokens"?}` → `{"ids", "count"[, "tokens"]}`.
struct EncodeMethod: RPCMethodHandler {
    let name = "encode"

    func isOffered(on server: ServerShared) -> Bool { server.tokens != nil }

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(TokenMethodAnswers.answer(call, method: name) { tokens, params, id in
            let (text, add, withTokens) = try TokenMethodAnswers.textParams(params, tokens, id: id)
            let encoded = try tokens.encode(text, addSpecialTokens: add, withTokens: withTokens)
            return RPCReply.result(id: id) { w in
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
        })
    }
}
