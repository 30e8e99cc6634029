/// MurmurHash3 x86_32, as scikit-learn's `murmurhash3_32` computes it over a feature's UTF-8.
///
/// scikit-learn hashes with the signed result; parity with its `HashingVectorizer` depends on
/// every bit of this, so it is tested against `murmur3.jsonl` (all tail lengths, seeds).
public enum MurmurHash3 {
    @inline(__always)
    public static func x86_32(_ key: UnsafeBufferPointer<UInt8>, seed: UInt32 = 0) -> Int32 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var h = seed
        let n = key.count
        let blocks = n / 4
        var i = 0
        while i < blocks {
            let b = i * 4
            var k = UInt32(key[b]) | UInt32(key[b + 1]) << 8 | UInt32(key[b + 2]) << 16 | UInt32(key[b + 3]) << 24
            k = k &* c1
            k = (k << 15) | (k >> 17)
            k = k &* c2
            h ^= k
            h = (h << 13) | (h >> 19)
            h = h &* 5 &+ 0xe654_6b64
            i += 1
        }
        let tail = blocks * 4
        var k: UInt32 = 0
        switch n & 3 {
        case 3:
            k ^= UInt32(key[tail + 2]) << 16
            fallthrough
        case 2:
            k ^= UInt32(key[tail + 1]) << 8
            fallthrough
        case 1:
            k ^= UInt32(key[tail])
            k = k &* c1
            k = (k << 15) | (k >> 17)
            k = k &* c2
            h ^= k
        default: break
        }
        h ^= UInt32(truncatingIfNeeded: n)
        h ^= h >> 16
        h = h &* 0x85eb_ca6b
        h ^= h >> 13
        h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return Int32(bitPattern: h)
    }

    public static func x86_32(_ key: [UInt8], seed: UInt32 = 0) -> Int32 {
        key.withUnsafeBufferPointer { x86_32($0, seed: seed) }
    }
}
