/// The binary token-shard layouts textmill writes, one per trainer family.
public enum ShardFormat: String, Sendable, Equatable, CaseIterable {
    /// llm.c: a 256 × int32 header (magic, version, token count), then the tokens.
    case llmc
    /// nanoGPT: raw little-endian tokens, no header (`np.memmap`).
    case nanogpt
    /// Megatron-LM's IndexedDataset: `PREFIX.bin` (tokens) + `PREFIX.idx` (sequence index).
    case megatron
    /// datatrove/nanotron: `NAME.ds` (tokens) + `.ds.index` (document ends) + `.ds.metadata`.
    case datatrove

    /// The token type each trainer's own preprocessing picks for a vocabulary of `size` ids:
    /// Megatron's `DType.optimal_dtype` switches to int32 at 65,500; the others to uint32 only
    /// when an id no longer fits 16 bits.
    public func tokenType(vocabularySize size: Int) -> ShardTokenType {
        switch self {
        case .megatron: size < 65_500 ? .uint16 : .int32
        case .llmc, .nanogpt, .datatrove: size <= 65_536 ? .uint16 : .uint32
        }
    }

    /// The files of one shard, the file holding the tokens first. `index` is nil for an
    /// unsharded nanoGPT split (`train.bin`, as nanoGPT's `prepare.py` names it).
    public func fileNames(split: String, index: Int?) -> [String] {
        switch self {
        case .llmc:
            return ["\(split)_\(Self.padded(index ?? 0, 6)).bin"]
        case .nanogpt:
            guard let index else { return ["\(split).bin"] }
            return ["\(split)_\(Self.padded(index, 5)).bin"]
        case .megatron:
            let prefix = "\(split)_\(Self.padded(index ?? 0, 5))"
            return [prefix + ".bin", prefix + ".idx"]
        case .datatrove:
            let name = "\(split)_\(Self.padded(index ?? 0, 5)).ds"
            return [name, name + ".index", name + ".metadata"]
        }
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
