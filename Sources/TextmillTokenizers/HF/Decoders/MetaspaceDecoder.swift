/// The replacement character back to a space, except at the very start when the encoder prepended it.
struct MetaspaceDecoder: HFDecoder {
    let replacement: Character
    let prepends: Bool

    init(_ json: HFJSON) throws {
        let r = try json.string("replacement", default: "▁") ?? "▁"
        guard r.count == 1, let c = r.first else { throw json.invalid("replacement must be one character") }
        replacement = c
        if let scheme = try json.string("prepend_scheme", default: nil) {
            prepends = scheme != "never"
        } else {
            prepends = try json.bool("add_prefix_space", default: true)
        }
    }

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { i, token in
            var out = ""
            for c in token {
                if c == replacement {
                    if !(i == 0 && prepends) { out.append(" ") }
                } else {
                    out.append(c)
                }
            }
            return out
        }
    }
}
