/// HF's `Replace` used as a decoder: every match in each token replaced by `content`.
struct ReplaceDecoder: HFDecoder {
    let pattern: SplitPattern
    let content: String

    func decodeChain(_ tokens: [String]) -> [String] {
        let workspace = HFWorkspace()
        return tokens.map { token in
            let scalars = UTF8Encoding.scalars(token)
            var found: [PatternMatch] = []
            let ok: Bool = (try? scalars.withUnsafeBufferPointer {
                try pattern.matches(in: $0, invert: false, workspace: workspace, into: &found)
            }) != nil
            if !ok { return token }
            var out = ""
            for m in found {
                if m.isMatch { out += content } else { out += UTF8Encoding.string(scalars[Int(m.start) ..< Int(m.end)]) }
            }
            return out
        }
    }
}
