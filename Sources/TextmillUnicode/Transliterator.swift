internal import CICU

/// An ICU transliterator built from an ID such as `Any-Latin; Latin-ASCII`. One per worker.
public final class Transliterator {
    public let id: String
    private let transliterator: UnsafeMutablePointer<UTransliterator?>

    public init(id: String) throws {
        let units = Array(id.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let opened = units.withUnsafeBufferPointer {
            textmill_utrans_openU($0.baseAddress, Int32($0.count), UTRANS_FORWARD, &parseError, &status)
        }
        guard let t = opened, !isFailure(status) else {
            throw ICUError(status, "utrans_openU(\"\(id)\")")
        }
        self.id = id
        self.transliterator = t
    }

    deinit { textmill_utrans_close(transliterator) }

    /// Transliterates `source` and appends the result to `output`.
    public func transliterate(_ source: UnsafeBufferPointer<UInt16>, appendingTo output: inout [UInt16]) throws {
        guard !source.isEmpty else { return }
        let start = output.count
        var capacity = source.count * 4 + 16
        // utrans works in place, so the source is copied into the output's tail first.
        for _ in 0..<4 {
            output.append(contentsOf: source)
            output.append(contentsOf: repeatElement(0, count: capacity - source.count))
            var length = Int32(source.count)
            var limit = Int32(source.count)
            var status = U_ZERO_ERROR
            output.withUnsafeMutableBufferPointer { buffer in
                textmill_utrans_transUChars(
                    transliterator, buffer.baseAddress! + start, &length, Int32(capacity), 0, &limit, &status)
            }
            output.removeSubrange((start + min(Int(length), capacity))...)
            if status == U_BUFFER_OVERFLOW_ERROR {
                output.removeSubrange(start...)
                capacity = max(Int(length) + 16, capacity * 2)
                continue
            }
            if isFailure(status) {
                output.removeSubrange(start...)
                throw ICUError(status, "utrans_transUChars(\(id))")
            }
            return
        }
        throw ICUError(U_BUFFER_OVERFLOW_ERROR, "utrans_transUChars(\(id))")
    }
}
