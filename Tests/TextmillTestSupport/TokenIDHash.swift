/// The FNV-1a 64 hash of a token id list (each id as 4 little-endian bytes), as 16 hex digits: how the
/// tiktoken corpus fixtures record long id lists (scripts/parity/make_tiktoken.py computes the same).
public enum TokenIDHash {
    public static func fnv64<S: Sequence>(_ ids: S) -> String where S.Element == UInt32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for id in ids {
            for shift in stride(from: 0, to: 32, by: 8) {
                hash ^= UInt64((id >> UInt32(shift)) & 0xFF)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
