import TextmillUnicode

/// NFC, NFD, NFKC and NFKD exactly as HF applies them: HF runs the `unicode-normalization-alignments`
/// crate, whose iterators report for each output character whether it replaces, adds or swallows input
/// characters; those markers decide the offsets. This reproduces the crate's decomposition (per-character
/// full decomposition, canonical reordering of combining runs) and its recomposition state machine, with
/// ICU 72 for the character data.
struct UnicodeFormNormalizer: HFNormalizer {
    enum Form { case nfc, nfd, nfkc, nfkd }

    let form: Form
    let decomposer: ScalarDecomposer

    init(form: Form) throws {
        self.form = form
        decomposer = try ScalarDecomposer(compatibility: form == .nfkc || form == .nfkd)
    }

    func normalize(_ text: inout AlignedText, in workspace: HFWorkspace) throws {
        if text.isEmpty { return }
        // Fast path: ASCII is unchanged by every form.
        if text.scalars.allSatisfy({ $0 < 0x80 }) { return }
        var changes = decompose(text.scalars, workspace: workspace)
        if form == .nfc || form == .nfkc { changes = recompose(changes) }
        text.transform(changes: changes, initialOffset: 0, scratch: &workspace.scratch)
    }

    /// The crate's `Decompositions`: each input character's decomposition (first piece 0, others +1),
    /// with every run of non-starters stably sorted by combining class.
    func decompose(_ scalars: [UInt32], workspace: HFWorkspace) -> [TransformChange] {
        var out: [TransformChange] = []
        out.reserveCapacity(scalars.count)
        var pieces = workspace.decomposer
        var runStart = 0
        for c in scalars {
            pieces.removeAll(keepingCapacity: true)
            decomposer.decompose(c, into: &pieces)
            for (k, d) in pieces.enumerated() {
                if ScalarProperties.combiningClass(d) == 0 {
                    sortRun(&out, from: runStart)
                    runStart = out.count + 1
                }
                out.append(TransformChange(d, k == 0 ? 0 : 1))
            }
        }
        sortRun(&out, from: runStart)
        workspace.decomposer = pieces
        return out
    }

    private func sortRun(_ out: inout [TransformChange], from start: Int) {
        if out.count - start < 2 { return }
        // Stable insertion sort by combining class (runs are short).
        for i in (start + 1) ..< out.count {
            let item = out[i]
            let key = ScalarProperties.combiningClass(item.scalar)
            var j = i - 1
            while j >= start && ScalarProperties.combiningClass(out[j].scalar) > key {
                out[j + 1] = out[j]
                j -= 1
            }
            out[j + 1] = item
        }
    }

    /// The crate's `Recompositions` state machine, change markers included.
    func recompose(_ input: [TransformChange]) -> [TransformChange] {
        var out: [TransformChange] = []
        out.reserveCapacity(input.count)
        var composee: TransformChange? = nil
        var lastClass: UInt8? = nil
        var buffer: [TransformChange] = []
        for item in input {
            let chClass = ScalarProperties.combiningClass(item.scalar)
            guard let k = composee else {
                if chClass != 0 { out.append(item); continue }
                composee = item
                continue
            }
            if let l = lastClass {
                if l >= chClass {
                    if chClass == 0 {
                        composee = item
                        lastClass = nil
                        out.append(k)
                        out.append(contentsOf: buffer)
                        buffer.removeAll(keepingCapacity: true)
                        continue
                    }
                    buffer.append(item)
                    lastClass = chClass
                    continue
                }
                if let r = decomposer.compose(k.scalar, item.scalar) {
                    composee = TransformChange(r, k.change + item.change - 1)
                    continue
                }
                buffer.append(item)
                lastClass = chClass
            } else {
                if let r = decomposer.compose(k.scalar, item.scalar) {
                    composee = TransformChange(r, k.change + item.change - 1)
                    continue
                }
                if chClass == 0 {
                    composee = item
                    out.append(k)
                    continue
                }
                buffer.append(item)
                lastClass = chClass
            }
        }
        if let k = composee { out.append(k) }
        out.append(contentsOf: buffer)
        return out
    }
}
