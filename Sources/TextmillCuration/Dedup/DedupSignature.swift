/// The little-endian u64 encoding of the dedup spill formats (bucket entries, packed hashes,
/// n-gram sets). The signatures themselves travel typed, as `ChunkPayload.signatures`.
public enum DedupSignature {
    static func put(_ v: UInt64, _ out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }
}
