/// Encodes text with a `TiktokenTokenizer`, as tiktoken's `CoreBPE` does: split out allowed special tokens,
/// pre-tokenize each stretch between them with the pattern, look each piece up whole in the ranks
/// (tiktoken's shortcut, which can differ from merging), else merge its bytes. One per worker thread.
final class TiktokenEncoder: TokenEncoder {
    private let tokenizer: TiktokenTokenizer
    private let splitter: any PieceSplitter
    private let merger = BytePairMerger()
    private let cache = WordCache()
    private var pieces: [Int32] = []
    private var symbols: [UInt32] = []

    init(tokenizer: TiktokenTokenizer) {
        self.tokenizer = tokenizer
        self.splitter = tokenizer.makeSplitter()
    }

    func encode(_ text: UnsafeBufferPointer<UInt8>, options: EncodeOptions, into encoding: inout TokenEncoding) throws {
        encoding.removeAll()
        let withOffsets = options.withOffsets
        var cursor = ScalarCursor()
        var start = 0
        if options.allowedSpecial != .none && !tokenizer.specialList.isEmpty {
            while let (position, length, id) = nextSpecial(in: text, from: start, allowed: options.allowedSpecial) {
                try encodeOrdinary(text, start, position, &encoding, withOffsets, &cursor)
                encoding.ids.append(id)
                if withOffsets { appendOffsets(text, position, position + length, &encoding, &cursor) }
                start = position + length
            }
        }
        try encodeOrdinary(text, start, text.count, &encoding, withOffsets, &cursor)
        if case .limit(let maxLength, let fromLeft) = options.truncation, encoding.ids.count > maxLength {
            encoding.truncate(to: maxLength, fromLeft: fromLeft)
        }
    }

    /// The leftmost allowed special token at or after `from` (the longest one if two start at the same byte).
    private func nextSpecial(in text: UnsafeBufferPointer<UInt8>, from: Int, allowed: AllowedSpecial)
        -> (position: Int, length: Int, id: UInt32)? {
        var position = from
        while position < text.count {
            var best: (Int, UInt32)?
            for special in tokenizer.specialList where special.bytes.first == text[position] {
                let length = special.bytes.count
                guard position + length <= text.count, best == nil || length > best!.0 else { continue }
                var equal = true
                for k in 1 ..< length where text[position + k] != special.bytes[k] { equal = false; break }
                guard equal else { continue }
                if case .only(let set) = allowed, !set.contains(String(decoding: special.bytes, as: UTF8.self)) { continue }
                best = (length, special.id)
            }
            if let best { return (position, best.0, best.1) }
            position += 1
        }
        return nil
    }

    private func encodeOrdinary(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                _ encoding: inout TokenEncoding, _ withOffsets: Bool, _ cursor: inout ScalarCursor) throws {
        guard end > start else { return }
        pieces.removeAll(keepingCapacity: true)
        let segment = UnsafeBufferPointer(rebasing: text[start ..< end])
        try splitter.split(segment, into: &pieces)
        let ranks = tokenizer.ranks
        var p = 0
        while p < pieces.count {
            let pieceStart = start + Int(pieces[p])
            let pieceEnd = start + Int(pieces[p + 1])
            p += 2
            let piece = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[pieceStart ..< pieceEnd]))
            let first = encoding.ids.count
            if let id = ranks.lookup(piece) {
                encoding.ids.append(id)
            } else if !cache.appendCached(piece, to: &encoding.ids) {
                symbols.removeAll(keepingCapacity: true)
                for byte in piece { symbols.append(tokenizer.byteIDs[Int(byte)]) }
                merger.merge(&symbols, table: tokenizer.merges)
                encoding.ids.append(contentsOf: symbols)
                cache.store(piece, ids: symbols[...])
            }
            if withOffsets {
                var tokenStart = pieceStart
                for index in first ..< encoding.ids.count {
                    let tokenEnd = tokenStart + (ranks.length(of: encoding.ids[index]) ?? 0)
                    appendOffsets(text, tokenStart, tokenEnd, &encoding, &cursor)
                    tokenStart = tokenEnd
                }
            }
        }
    }

    /// Appends the scalar offsets of the bytes `[start, end)`: from the character holding the first byte
    /// to the end of the character holding the last (a token may end inside a multi-byte character).
    private func appendOffsets(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                               _ encoding: inout TokenEncoding, _ cursor: inout ScalarCursor) {
        let first = cursor.scalarIndex(containing: start, in: text)
        let last = end > start ? cursor.scalarIndex(containing: end - 1, in: text) + 1 : first
        encoding.offsets.append(UInt32(first))
        encoding.offsets.append(UInt32(last))
    }
}
