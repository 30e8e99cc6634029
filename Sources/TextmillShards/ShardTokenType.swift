/// The integer type of the token ids in a shard file, as the trainers read them (little-endian).
public enum ShardTokenType: String, Sendable, Equatable, CaseIterable {
    case uint16
    case uint32
    case int32

    /// Bytes per token.
    public var byteWidth: Int { self == .uint16 ? 2 : 4 }

    /// The largest id this type holds.
    public var maxID: UInt32 {
        switch self {
        case .uint16: UInt32(UInt16.max)
        case .uint32: UInt32.max
        case .int32: UInt32(Int32.max)
        }
    }

    /// Megatron's `DType` code in the `.idx` header (megatron/core/datasets/indexed_dataset.py).
    public var megatronCode: UInt8 {
        switch self {
        case .uint16: 8
        case .int32: 4
        case .uint32: 0
        }
    }

    /// The type for a Megatron `.idx` dtype code; nil for codes that do not hold token ids.
    public init?(megatronCode: UInt8) {
        switch megatronCode {
        case 8: self = .uint16
        case 4: self = .int32
        default: return nil
        }
    }
}
