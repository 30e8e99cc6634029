/// Where each document's n-gram set lies in dedup's shingle spill file; `Sendable`, so the
/// verification threads share it, each reading through its own `ShingleReader`.
struct ShingleStore: Sendable {
    let file: SpillFile
    let offsets: [Int]
    let counts: [Int32]

    /// Document `doc`'s sorted n-gram hashes, read from disk.
    func read(_ doc: Int) throws(DedupError) -> [UInt64] {
        let count = Int(counts[doc])
        let bytes = try file.read(at: offsets[doc], count: count * 8)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }
}
