/// What the map step of `textmill dedup` sends back per document: its id (JSON text), the hash
/// of its normalized text (exact duplicates), its shingles and MinHash signature; or, for a
/// document that failed, its error record. Concatenations of encoded chunks decode as one.
public enum DedupSignature: Sendable, Equatable {
    case document(id: [UInt8], exactHash: UInt64, signature: [UInt64], shingles: [UInt64])
    case error(record: [UInt8])

    public func encode(into out: inout [UInt8]) {
        switch self {
        case .document(let id, let exactHash, let signature, let shingles):
            out.append(0)
            Self.put(UInt64(id.count), &out)
            out.append(contentsOf: id)
            Self.put(exactHash, &out)
            Self.put(UInt64(signature.count), &out)
            for v in signature { Self.put(v, &out) }
            Self.put(UInt64(shingles.count), &out)
            for v in shingles { Self.put(v, &out) }
        case .error(let record):
            out.append(1)
            Self.put(UInt64(record.count), &out)
            out.append(contentsOf: record)
        }
    }

    public struct DecodeError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Every entry of `bytes`, in order.
    public static func decodeAll(_ bytes: [UInt8]) throws(DecodeError) -> [DedupSignature] {
        var out: [DedupSignature] = []
        var i = 0
        func u64() throws(DecodeError) -> UInt64 {
            guard i + 8 <= bytes.count else { throw DecodeError(description: "dedup signatures: truncated at byte \(i)") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * k) }
            i += 8
            return v
        }
        func take(_ n: UInt64) throws(DecodeError) -> [UInt8] {
            guard n <= UInt64(bytes.count - i) else { throw DecodeError(description: "dedup signatures: truncated at byte \(i)") }
            defer { i += Int(n) }
            return Array(bytes[i..<(i + Int(n))])
        }
        while i < bytes.count {
            let kind = bytes[i]
            i += 1
            switch kind {
            case 0:
                let id = try take(try u64())
                let exact = try u64()
                var signature: [UInt64] = []
                for _ in 0..<(try u64()) { signature.append(try u64()) }
                var shingles: [UInt64] = []
                for _ in 0..<(try u64()) { shingles.append(try u64()) }
                out.append(.document(id: id, exactHash: exact, signature: signature, shingles: shingles))
            case 1:
                out.append(.error(record: try take(try u64())))
            default:
                throw DecodeError(description: "dedup signatures: unknown entry kind \(kind) at byte \(i - 1)")
            }
        }
        return out
    }

    static func put(_ v: UInt64, _ out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }
}
