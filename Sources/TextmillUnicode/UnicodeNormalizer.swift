internal import CICU

/// One of ICU's Normalizer2 instances (NFC, NFD, NFKC, NFKD, NFKC_Casefold).
///
/// ICU's instances are immutable singletons and safe to share between threads, hence `Sendable`.
/// Besides whole-buffer normalization it exposes the two primitives that alignment needs:
/// the already-normalized prefix and the normalization boundaries.
public struct UnicodeNormalizer: @unchecked Sendable {
    public enum Form: String, Sendable, CaseIterable {
        case nfc, nfd, nfkc, nfkd
        case nfkcCasefold = "nfkc_casefold"
    }

    public let form: Form
    private let instance: OpaquePointer

    public init(_ form: Form) throws {
        var status = U_ZERO_ERROR
        let (name, mode): (String, UNormalization2Mode) = switch form {
        case .nfc: ("nfc", UNORM2_COMPOSE)
        case .nfd: ("nfc", UNORM2_DECOMPOSE)
        case .nfkc: ("nfkc", UNORM2_COMPOSE)
        case .nfkd: ("nfkc", UNORM2_DECOMPOSE)
        case .nfkcCasefold: ("nfkc_cf", UNORM2_COMPOSE)
        }
        guard let pointer = textmill_unorm2_getInstance(name, mode, &status), !isFailure(status) else {
            throw ICUError(status, "unorm2_getInstance(\(form.rawValue))")
        }
        self.form = form
        self.instance = pointer
    }

    /// Length of the prefix of `text` that is already normalized; it always ends on a normalization boundary.
    public func normalizedPrefixLength(_ text: UnsafeBufferPointer<UInt16>) throws -> Int {
        guard let base = text.baseAddress, !text.isEmpty else { return 0 }
        var status = U_ZERO_ERROR
        let n = textmill_unorm2_spanQuickCheckYes(instance, base, Int32(text.count), &status)
        if isFailure(status) { throw ICUError(status, "unorm2_spanQuickCheckYes") }
        return Int(n)
    }

    /// Whether text can be cut before `scalar` without changing what normalization produces.
    @inline(__always)
    public func hasBoundaryBefore(_ scalar: UInt32) -> Bool {
        textmill_unorm2_hasBoundaryBefore(instance, UChar32(bitPattern: scalar)) != 0
    }

    /// Appends the normalization of `source` to `output`.
    public func normalize(_ source: UnsafeBufferPointer<UInt16>, appendingTo output: inout [UInt16]) throws {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        try appendGrowing(to: &output, estimate: source.count + 8, operation: "unorm2_normalize") { dest, capacity, status in
            textmill_unorm2_normalize(instance, base, Int32(source.count), dest, capacity, status)
        }
    }

    /// Normalizes a Swift string; convenient off the hot path (tests, config checks).
    public func normalize(_ string: String) throws -> String {
        let units = Array(string.utf16)
        var out: [UInt16] = []
        try units.withUnsafeBufferPointer { try normalize($0, appendingTo: &out) }
        return String(decoding: out, as: UTF16.self)
    }
}

/// Runs an ICU "preflighting" call that writes into `output` after its current end,
/// growing the buffer and retrying once when ICU reports the exact size needed.
@inline(__always)
func appendGrowing(
    to output: inout [UInt16], estimate: Int, operation: String,
    _ call: (UnsafeMutablePointer<UInt16>, Int32, UnsafeMutablePointer<UErrorCode>) -> Int32
) throws {
    let start = output.count
    var capacity = max(estimate, 16)
    for _ in 0..<2 {
        output.append(contentsOf: repeatElement(0, count: capacity))
        var status = U_ZERO_ERROR
        let written = output.withUnsafeMutableBufferPointer { buffer in
            call(buffer.baseAddress! + start, Int32(capacity), &status)
        }
        if status == U_BUFFER_OVERFLOW_ERROR {
            output.removeLast(capacity)
            capacity = Int(written)
            continue
        }
        if isFailure(status) {
            output.removeLast(capacity)
            throw ICUError(status, operation)
        }
        output.removeLast(capacity - Int(written))
        return
    }
    throw ICUError(U_BUFFER_OVERFLOW_ERROR, operation)
}
