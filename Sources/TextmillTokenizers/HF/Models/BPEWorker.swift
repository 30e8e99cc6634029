/// One encoder's BPE state: the merge loop's buffers and a cache of merged words.
final class BPEWorker: HFModelWorker {
    let model: BPEModel
    private let merger = BytePairMerger()
    private let cache = WordCache()
    private var symbols: [UInt32] = []
    private var lengths: [Int32] = []
    private var starts: [Int32] = []
    private var key: [UInt8] = []
    private var cached: [UInt32] = []

    init(model: BPEModel) { self.model = model }

    func tokenize(_ utf8: UnsafeBufferPointer<UInt8>, into tokens: inout [ModelToken]) throws {
        if utf8.isEmpty { return }
        let raw = UnsafeRawBufferPointer(utf8)
        if model.ignoreMerges, let id = model.vocabulary.lookup(raw) {
            tokens.append(ModelToken(id: id, start: 0, end: Int32(utf8.count)))
            return
        }
        cached.removeAll(keepingCapacity: true)
        if cache.appendCached(raw, to: &cached) {
            var offset: Int32 = 0
            var i = 0
            while i < cached.count {
                let length = Int32(bitPattern: cached[i + 1])
                tokens.append(ModelToken(id: cached[i], start: offset, end: offset + length))
                offset += length
                i += 2
            }
            return
        }
        try mergeWord(utf8)
        merger.merge(&symbols, table: model.merges, starts: &starts)
        // Byte offsets: prefix sums of the input symbols' lengths.
        var position: Int32 = 0
        var inputIndex = 0
        cached.removeAll(keepingCapacity: true)
        for k in 0 ..< symbols.count {
            let first = Int(starts[k])
            let last = k + 1 < symbols.count ? Int(starts[k + 1]) : lengths.count
            while inputIndex < first { position += lengths[inputIndex]; inputIndex += 1 }
            var end = position
            for j in first ..< last { end += lengths[j] }
            tokens.append(ModelToken(id: symbols[k], start: position, end: end))
            cached.append(symbols[k])
            cached.append(UInt32(bitPattern: end - position))
        }
        cache.store(raw, ids: cached[...])
    }

    /// HF's `merge_word` up to `merge_all`: the initial symbols and their byte lengths.
    private func mergeWord(_ utf8: UnsafeBufferPointer<UInt8>) throws {
        symbols.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        var pendingUnk: (id: UInt32, length: Int32)? = nil
        let n = utf8.count
        var i = 0
        let plain = model.continuingSubwordPrefix.isEmpty && model.endOfWordSuffix.isEmpty
        while i < n {
            let width = Self.width(utf8[i])
            let end = min(i + width, n)
            let isFirst = i == 0, isLast = end == n
            let byteLength = Int32(end - i)
            let id = plain
                ? model.vocabulary.lookup(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[i ..< end]))
                : lookupDecorated(utf8, i, end, isFirst: isFirst, isLast: isLast)
            if let id {
                if let unk = pendingUnk { symbols.append(unk.id); lengths.append(unk.length); pendingUnk = nil }
                symbols.append(id)
                lengths.append(byteLength)
            } else {
                if model.byteFallback, appendByteFallback(utf8, i, end, isFirst: isFirst, isLast: isLast) {
                    i = end
                    continue
                }
                if let unkID = model.unkID {
                    if let unk = pendingUnk {
                        if model.fuseUnk {
                            pendingUnk = (unk.id, unk.length + byteLength)
                        } else {
                            symbols.append(unk.id); lengths.append(unk.length)
                            pendingUnk = (unkID, byteLength)
                        }
                    } else {
                        pendingUnk = (unkID, byteLength)
                    }
                } else if let unkToken = model.unkToken {
                    throw TokenizerError.invalidText(message: "BPE: unk_token \(unkToken) is not in the vocabulary")
                }
            }
            i = end
        }
        if let unk = pendingUnk { symbols.append(unk.id); lengths.append(unk.length) }
    }

    /// The character with the prefix (not first) and suffix (last) the model adds, looked up.
    private func lookupDecorated(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isFirst: Bool, isLast: Bool) -> UInt32? {
        decorate(utf8, start, end, isFirst: isFirst, isLast: isLast)
        return key.withUnsafeBytes { model.vocabulary.lookup($0) }
    }

    private func decorate(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isFirst: Bool, isLast: Bool) {
        key.removeAll(keepingCapacity: true)
        if !isFirst { key.append(contentsOf: model.continuingSubwordPrefix) }
        key.append(contentsOf: utf8[start ..< end])
        if isLast { key.append(contentsOf: model.endOfWordSuffix) }
    }

    /// HF's byte fallback: every byte of the (decorated) character as `<0xXX>`, only if all exist.
    private func appendByteFallback(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isFirst: Bool, isLast: Bool) -> Bool {
        decorate(utf8, start, end, isFirst: isFirst, isLast: isLast)
        for b in key where model.byteIDs[Int(b)] == nil { return false }
        for b in key {
            symbols.append(model.byteIDs[Int(b)]!)
            lengths.append(1)
        }
        return true
    }

    @inline(__always)
    static func width(_ lead: UInt8) -> Int { lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4 }
}
