/// HF's `Metaspace`: spaces become the replacement (`▁`), which is prepended per `prepend_scheme`
/// (`always`, `first`: only the split that starts the text, `never`), then the text is cut before each `▁`.
struct MetaspacePreTokenizer: HFPreTokenizer {
    enum Scheme { case always, first, never }

    let replacement: UInt32
    let scheme: Scheme
    let split: Bool

    init(_ json: HFJSON) throws {
        let r = UTF8Encoding.scalars(try json.string("replacement", default: "▁") ?? "▁")
        guard r.count == 1 else { throw json.invalid("replacement must be one character") }
        replacement = r[0]
        if let scheme = try json.string("prepend_scheme", default: nil) {
            switch scheme {
            case "always": self.scheme = .always
            case "first": self.scheme = .first
            case "never": self.scheme = .never
            default: throw json.invalid("unknown prepend_scheme \(scheme)")
            }
        } else {
            // Older files: add_prefix_space true/false.
            scheme = try json.bool("add_prefix_space", default: true) ? .always : .never
        }
        split = try json.bool("split", default: true)
    }

    func preTokenize(_ workspace: HFWorkspace) throws {
        var spaces: [Range<Int>] = []
        workspace.pre.rewrite { segment, original, ranges, _, scratch in
            spaces.removeAll(keepingCapacity: true)
            for (i, c) in segment.scalars.enumerated() where c == 0x20 { spaces.append(i ..< i + 1) }
            segment.replace(matches: spaces, with: [replacement], scratch: &scratch)
            if let first = segment.scalars.first, first != replacement {
                if scheme == .always || (scheme == .first && original.originalStart == 0) {
                    segment.prepend([replacement], scratch: &scratch)
                }
            }
            if split, !segment.isEmpty {
                var last = 0
                for i in 1 ..< max(segment.count, 1) where segment.scalars[i] == replacement {
                    ranges.append(last ..< i)
                    last = i
                }
                ranges.append(last ..< segment.count)
            }
        }
    }
}
