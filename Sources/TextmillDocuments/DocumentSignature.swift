/// What the map step of `textmill dedup` finds in one document that succeeded: its id (JSON
/// text), the hash of its normalized text (exact duplicates), its MinHash signature and the
/// hashes of its n-grams (shingles, for verifying candidates). Travels in
/// `ChunkPayload.signatures`; a failed document has none, only its error record.
public struct DocumentSignature: Sendable, Equatable {
    public var id: [UInt8]
    public var exactHash: UInt64
    public var minHash: [UInt64]
    public var shingles: [UInt64]

    public init(id: [UInt8], exactHash: UInt64, minHash: [UInt64], shingles: [UInt64]) {
        self.id = id
        self.exactHash = exactHash
        self.minHash = minHash
        self.shingles = shingles
    }
}
