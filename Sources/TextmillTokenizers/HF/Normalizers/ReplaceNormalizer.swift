/// Replaces every match of a string or regex pattern with a fixed content (HF's `Replace`).
struct ReplaceNormalizer: HFNormalizer {
    let pattern: SplitPattern
    let content: [UInt32]

    init(_ json: HFJSON) throws {
        guard let p = json.member("pattern") else { throw json.invalid("Replace needs a pattern") }
        pattern = try SplitPattern(p)
        content = UTF8Encoding.scalars(try json.string("content"))
    }

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        if text.isEmpty { return }
        var found: [PatternMatch] = []
        try text.scalars.withUnsafeBufferPointer {
            try pattern.matches(in: $0, invert: false, workspace: workspace, into: &found)
        }
        let ranges = found.filter { $0.isMatch && $0.end > $0.start }.map { Int($0.start) ..< Int($0.end) }
        text.replace(matches: ranges, with: content, scratch: &workspace.scratch)
    }
}
