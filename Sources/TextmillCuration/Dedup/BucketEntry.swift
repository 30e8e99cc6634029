/// One (key, value) pair of dedup's external sorts (band key and document, exact hash and
/// document, document and candidate): ordered by key, then value, and 16 bytes on disk.
struct BucketEntry: Comparable, Sendable {
    var key: UInt64
    var value: UInt64

    static func < (a: BucketEntry, b: BucketEntry) -> Bool { a.key != b.key ? a.key < b.key : a.value < b.value }

    static let byteCount = 16

    func encode(into out: inout [UInt8]) {
        DedupSignature.put(key, &out)
        DedupSignature.put(value, &out)
    }

    /// The entry at byte `offset` of `bytes` (little-endian, as `encode` writes it).
    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> BucketEntry {
        BucketEntry(
            key: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
            value: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
    }
}
