/// HF's BPE model: characters (with `continuing_subword_prefix` / `end_of_word_suffix`) looked up in the
/// vocabulary, unknown ones as byte-fallback tokens or (fused) `unk_token`, then merged by the ranked
/// `merges` with the shared `BytePairMerger`. `ignore_merges` takes a whole split that is in the vocabulary
/// as is. Dropout is not supported (it is random; files that set it are refused).
struct BPEModel: HFModel {
    let vocabulary: Vocabulary
    let merges: PairMergeTable
    let unkID: UInt32?
    let unkToken: String?
    let continuingSubwordPrefix: [UInt8]
    let endOfWordSuffix: [UInt8]
    let fuseUnk: Bool
    let byteFallback: Bool
    let ignoreMerges: Bool
    let byteIDs: [UInt32?]

    init(_ json: HFJSON) throws {
        if let dropout = json.value["dropout"]?.doubleValue, dropout > 0 {
            throw json.unsupported("BPE dropout \(dropout) (random merges cannot be reproduced)")
        }
        guard let vocab = json.member("vocab") else { throw json.invalid("BPE needs a vocab") }
        let table = try Vocabulary(object: vocab)
        vocabulary = table
        unkToken = try json.string("unk_token", default: nil)
        unkID = unkToken.flatMap { table.id(of: $0) }
        let prefixString = try json.string("continuing_subword_prefix", default: "") ?? ""
        let suffixString = try json.string("end_of_word_suffix", default: "") ?? ""
        continuingSubwordPrefix = Array(prefixString.utf8)
        endOfWordSuffix = Array(suffixString.utf8)
        fuseUnk = try json.bool("fuse_unk", default: false)
        let fallback = try json.bool("byte_fallback", default: false)
        byteFallback = fallback
        ignoreMerges = try json.bool("ignore_merges", default: false)
        byteIDs = fallback ? table.byteFallbackIDs() : []
        let mergeItems = try json.array("merges")
        var mergeTable = PairMergeTable(capacity: mergeItems.count)
        let prefixLength = prefixString.utf8.count
        for (rank, item) in mergeItems.enumerated() {
            let a: String, b: String
            if let s = item.value.stringValue {
                let parts = s.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw item.invalid("merge \"\(s)\" is not two tokens separated by a space") }
                a = String(parts[0]); b = String(parts[1])
            } else if let pair = item.value.arrayValue, pair.count == 2, let x = pair[0].stringValue, let y = pair[1].stringValue {
                a = x; b = y
            } else {
                throw item.invalid("a merge must be \"a b\" or [\"a\", \"b\"]")
            }
            guard let aID = table.id(of: a) else { throw item.invalid("merge token \(a) is not in the vocabulary") }
            guard let bID = table.id(of: b) else { throw item.invalid("merge token \(b) is not in the vocabulary") }
            let bTail = Array(b.utf8).dropFirst(min(prefixLength, b.utf8.count))
            let merged = String(decoding: Array(a.utf8) + bTail, as: UTF8.self)
            guard let mergedID = table.id(of: merged) else {
                throw item.invalid("merged token \(merged) is not in the vocabulary")
            }
            mergeTable.insert(left: aID, right: bID, rank: UInt32(rank), merged: mergedID)
        }
        merges = mergeTable
    }

    var vocabularySize: Int { vocabulary.idLimit }
    func id(of token: String) -> UInt32? { vocabulary.id(of: token) }
    func token(of id: UInt32) -> String? { vocabulary.token(of: id) }
    func makeWorker() -> any HFModelWorker { BPEWorker(model: self) }
}
