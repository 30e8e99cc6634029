/// HF's `ByteLevel` pre-tokenizer: optionally a space before each split that does not start with one,
/// GPT-2's regex pieces, then every UTF-8 byte as its byte character (`Ġ` for a space).
struct ByteLevelPreTokenizer: HFPreTokenizer {
    let addPrefixSpace: Bool
    let useRegex: Bool

    init(_ json: HFJSON) throws {
        addPrefixSpace = try json.bool("add_prefix_space", default: true)
        useRegex = try json.bool("use_regex", default: true)
    }

    func preTokenize(_ workspace: HFWorkspace) throws {
        var pieces: [Range<Int>] = []
        var byteStarts: [Int] = []
        workspace.pre.rewrite { segment, _, ranges, _, scratch in
            if addPrefixSpace, let first = segment.scalars.first, first != 0x20 {
                segment.prepend([0x20], scratch: &scratch)
            }
            pieces.removeAll(keepingCapacity: true)
            if useRegex {
                segment.scalars.withUnsafeBufferPointer { GPT2PieceScanner.pieces($0, into: &pieces) }
            }
            byteStarts.removeAll(keepingCapacity: true)
            var total = 0
            for c in segment.scalars { byteStarts.append(total); total += UTF8Encoding.length(c) }
            byteStarts.append(total)
            ByteLevelAlphabet.transform(&segment, into: &scratch)
            swap(&segment, &scratch)
            for p in pieces { ranges.append(byteStarts[p.lowerBound] ..< byteStarts[p.upperBound]) }
        }
    }
}
