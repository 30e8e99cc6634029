/// Encodes documents with an `HFTokenizer`, as HF's `Tokenizer.encode(text, add_special_tokens)` with
/// char offsets: added tokens, normalizer, pre-tokenizer, model, truncation, post-processor, padding.
/// Owns the per-thread buffers (reused) and the model worker.
final class HFEncoder: TokenEncoder {
    let tokenizer: HFTokenizer
    private let workspace = HFWorkspace()
    private let worker: any HFModelWorker
    private var input: [UInt32] = []
    private var pieces: [(Range<Int>, Int)] = []
    private var modelTokens: [ModelToken] = []
    private var utf8: [UInt8] = []
    private var utf8Scalar: [Int32] = []

    init(tokenizer: HFTokenizer) {
        self.tokenizer = tokenizer
        worker = tokenizer.model.makeWorker()
    }

    func encode(_ text: UnsafeBufferPointer<UInt8>, options: EncodeOptions, into encoding: inout TokenEncoding) throws {
        encoding.removeAll()
        input.removeAll(keepingCapacity: true)
        UTF8Encoding.decode(text, into: &input)
        try splitAndNormalize()
        if let pre = tokenizer.preTokenizer { try pre.preTokenize(workspace) }
        try tokenize(into: &encoding)
        postProcess(&encoding, options: options)
    }

    /// HF's `extract_and_normalize`: split on non-normalized added tokens in the original text, normalize
    /// each remaining piece on its own, then split it on normalized added tokens.
    private func splitAndNormalize() throws {
        workspace.pre.reset()
        for i in 0 ..< input.count {
            workspace.pre.text.append(input[i], start: Int32(i), end: Int32(i + 1))
        }
        let added = tokenizer.added
        pieces.removeAll(keepingCapacity: true)
        input.withUnsafeBufferPointer { added.findMatches($0, normalized: false, into: &pieces) }
        for (range, index) in pieces where !range.isEmpty {
            workspace.pre.splits.append(TextSplit(start: Int32(range.lowerBound), end: Int32(range.upperBound),
                                                  originalStart: Int32(range.lowerBound),
                                                  addedTokenID: index >= 0 ? Int32(added.tokens[index].id) : -1))
        }
        let normalizer = tokenizer.normalizer
        let matchNormalized = added.hasPatterns(normalized: true)
        if normalizer == nil && !matchNormalized { return }
        var found: [(Range<Int>, Int)] = []
        let workspace = self.workspace
        try workspace.pre.rewrite { segment, _, ranges, tokenIDs, _ in
            if let normalizer { try normalizer.normalize(&segment, in: workspace) }
            if matchNormalized {
                found.removeAll(keepingCapacity: true)
                segment.scalars.withUnsafeBufferPointer { added.findMatches($0, normalized: true, into: &found) }
                for (r, index) in found {
                    ranges.append(r)
                    tokenIDs.append(index >= 0 ? Int32(added.tokens[index].id) : -1)
                }
            }
        }
    }

    /// Runs the model on every split that is not an added token; offsets go back to the original text
    /// through the alignments (first character's start, last character's end).
    private func tokenize(into encoding: inout TokenEncoding) throws {
        let pre = workspace.pre
        for split in pre.splits {
            if split.isTokenized {
                encoding.ids.append(UInt32(split.addedTokenID))
                encoding.offsets.append(UInt32(pre.text.starts[Int(split.start)]))
                encoding.offsets.append(UInt32(pre.text.ends[Int(split.end) - 1]))
                continue
            }
            utf8.removeAll(keepingCapacity: true)
            utf8Scalar.removeAll(keepingCapacity: true)
            var index: Int32 = 0
            for i in split.range {
                UTF8Encoding.append(pre.text.scalars[i], to: &utf8)
                while utf8Scalar.count < utf8.count { utf8Scalar.append(index) }
                index += 1
            }
            modelTokens.removeAll(keepingCapacity: true)
            try utf8.withUnsafeBufferPointer { try worker.tokenize($0, into: &modelTokens) }
            let base = Int(split.start)
            let last = utf8.count - 1
            for t in modelTokens {
                encoding.ids.append(t.id)
                if t.end <= t.start {
                    encoding.offsets.append(UInt32(pre.text.starts[base]))
                    encoding.offsets.append(UInt32(pre.text.starts[base]))
                    continue
                }
                let first = Int(utf8Scalar[min(Int(t.start), last)])
                let lastChar = Int(utf8Scalar[min(Int(t.end) - 1, last)])
                encoding.offsets.append(UInt32(pre.text.starts[base + first]))
                encoding.offsets.append(UInt32(pre.text.ends[base + lastChar]))
            }
        }
        let n = encoding.ids.count
        encoding.specialTokensMask.append(contentsOf: repeatElement(0, count: n))
        encoding.attentionMask.append(contentsOf: repeatElement(1, count: n))
        encoding.typeIDs.append(contentsOf: repeatElement(0, count: n))
    }

    /// HF's `post_process` for one sequence: truncate (leaving room for the template), post-process, pad.
    private func postProcess(_ encoding: inout TokenEncoding, options: EncodeOptions) {
        let truncation: HFTruncation?
        switch options.truncation {
        case .tokenizerDefault: truncation = tokenizer.truncation
        case .disabled: truncation = nil
        case .limit(let maxLength, let fromLeft): truncation = HFTruncation(maxLength: maxLength, fromLeft: fromLeft)
        }
        if let truncation {
            let added = options.addSpecialTokens ? (tokenizer.postProcessor?.addedTokens(isPair: false) ?? 0) : 0
            HFTruncation.truncate(&encoding, to: max(0, truncation.maxLength - added), fromLeft: truncation.fromLeft)
        }
        tokenizer.postProcessor?.process(&encoding, addSpecialTokens: options.addSpecialTokens, spaces: tokenizer.spaces)
        if let padding = tokenizer.padding { padding.pad(&encoding) }
    }
}
