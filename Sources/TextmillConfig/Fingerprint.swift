/// A stable 64-bit FNV-1a hash, written as 16 hex digits.
///
/// The pipeline fingerprint only needs to tell pipelines apart by accident, not resist an
/// attacker, so a dependency-free hash is enough (and keeps swift-crypto out of the build).
public struct Fingerprint: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes {
            state ^= UInt64(b)
            state = state &* 0x0000_0100_0000_01b3
        }
        // A separator, so ("ab", "c") and ("a", "bc") hash differently.
        state ^= 0xff
        state = state &* 0x0000_0100_0000_01b3
    }

    public mutating func add(_ string: String) { add(Array(string.utf8)) }

    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
