/// HF's `Split`: a string or regex pattern, a behavior for the matches, optionally inverted.
struct SplitPreTokenizer: HFPreTokenizer {
    let pattern: SplitPattern
    let behavior: SplitBehavior
    let invert: Bool

    init(_ json: HFJSON) throws {
        guard let p = json.member("pattern") else { throw json.invalid("Split needs a pattern") }
        pattern = try SplitPattern(p)
        guard let b = SplitBehavior(json: try json.string("behavior")) else { throw json.invalid("unknown behavior") }
        behavior = b
        invert = try json.bool("invert", default: false)
    }

    func preTokenize(_ workspace: HFWorkspace) throws {
        try workspace.pre.split(behavior: behavior) { scalars, out in
            try pattern.matches(in: scalars, invert: invert, workspace: workspace, into: &out)
        }
    }
}
