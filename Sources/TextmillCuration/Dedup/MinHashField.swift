import TextmillJSON
import TextmillPipeline

/// The `minhash` field the `minhash` stage writes and `textmill dedup --signatures` reads:
/// `{"exact": "<16 hex digits>", "bands": "<base64>", "shingles": "<base64>"}`.
public struct MinHashField: Sendable, Equatable {
    public let exactHash: UInt64
    public let bandKeys: [UInt64]
    public let shingles: [UInt64]

    public init(exactHash: UInt64, bandKeys: [UInt64], shingles: [UInt64]) {
        self.exactHash = exactHash
        self.bandKeys = bandKeys
        self.shingles = shingles
    }

    /// Reads the field; nil when it is not one (a message for the user is the caller's).
    public init?(_ value: JSONValue) {
        guard let hex = value["exact"]?.stringValue, hex.utf8.count == 16, let exact = UInt64(hex, radix: 16),
            let bands = value["bands"]?.stringValue.flatMap(PackedHashes.decode),
            let shingles = value["shingles"]?.stringValue.flatMap(PackedHashes.decode)
        else { return nil }
        self.init(exactHash: exact, bandKeys: bands, shingles: shingles)
    }

    /// The field as the stage writes it.
    public var feature: FeatureValue {
        let hex = String(exactHash, radix: 16)
        return .object([
            ("exact", .string(String(repeating: "0", count: 16 - hex.count) + hex)),
            ("bands", .string(PackedHashes.encode(bandKeys))),
            ("shingles", .string(PackedHashes.encode(shingles))),
        ])
    }
}
