internal import CICU

/// One normalization form's single-character decomposition and pairwise composition (ICU Normalizer2).
public struct ScalarDecomposer: @unchecked Sendable {
    private let instance: OpaquePointer
    private let composer: OpaquePointer

    /// `compatibility` selects NFKD decompositions; composition is always canonical (NFC's pairs).
    public init(compatibility: Bool) throws {
        var status = U_ZERO_ERROR
        guard let d = textmill_scalar_normalizer(compatibility ? "nfkc" : "nfc", UNORM2_DECOMPOSE, &status),
              let c = textmill_scalar_normalizer("nfc", UNORM2_COMPOSE, &status), !isFailure(status) else {
            throw ICUError(status, "unorm2_getInstance")
        }
        instance = d
        composer = c
    }

    /// Appends the full decomposition of `scalar` (itself when it has none) to `output`.
    public func decompose(_ scalar: UInt32, into output: inout [UInt32]) {
        if scalar < 0xA0 || textmill_unorm2_isInert(instance, UChar32(bitPattern: scalar)) != 0 {
            output.append(scalar)
            return
        }
        var buffer: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16,
                     UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16,
                     UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16,
                     UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var status = U_ZERO_ERROR
        let written = withUnsafeMutableBytes(of: &buffer) { raw -> Int32 in
            let units = raw.bindMemory(to: UInt16.self)
            return textmill_unorm2_getDecomposition(instance, UChar32(bitPattern: scalar), units.baseAddress, 32, &status)
        }
        if written < 0 || isFailure(status) { output.append(scalar); return }
        withUnsafeBytes(of: &buffer) { raw in
            let units = raw.bindMemory(to: UInt16.self)
            Self.appendScalars(UnsafeBufferPointer(rebasing: units[0 ..< Int(written)]), to: &output)
        }
    }

    /// The primary composite of `a` + `b`, or nil.
    @inline(__always)
    public func compose(_ a: UInt32, _ b: UInt32) -> UInt32? {
        let r = textmill_unorm2_composePair(composer, UChar32(bitPattern: a), UChar32(bitPattern: b))
        return r < 0 ? nil : UInt32(r)
    }
}

extension ScalarDecomposer {
    /// Appends the scalars of a short UTF-16 result.
    fileprivate static func appendScalars(_ units: UnsafeBufferPointer<UInt16>, to out: inout [UInt32]) {
        var i = 0
        while i < units.count {
            let u = UInt32(units[i])
            if u >= 0xD800, u < 0xDC00, i + 1 < units.count, units[i + 1] >= 0xDC00, units[i + 1] < 0xE000 {
                out.append(0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00))
                i += 2
            } else {
                out.append(u)
                i += 1
            }
        }
    }
}
