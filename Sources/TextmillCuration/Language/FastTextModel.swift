internal import CFastTextShim

/// A fastText model file (Debian `libfasttext-dev`) loaded once: lid.176, GlotLID or any
/// supervised classifier. Prediction only reads the model (fastText's `predictLine` is const and
/// keeps its scratch state per call), so one model serves every thread; hence the unchecked
/// `Sendable`.
public final class FastTextModel: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// Longest label kept (GlotLID's are like `__label__eng_Latn`).
    private static let labelCapacity = 64

    public init(path: String) throws(LanguageModelError) {
        var message = [CChar](repeating: 0, count: 512)
        guard let handle = tm_fasttext_load(path, &message, Int32(message.count)) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw LanguageModelError("\(path): fastText cannot load it: \(text)")
        }
        self.handle = handle
        guard tm_fasttext_is_supervised(handle) != 0 else {
            tm_fasttext_free(handle)
            throw LanguageModelError("\(path): a fastText word-vector model, not a classifier (it has no labels)")
        }
    }

    deinit { tm_fasttext_free(handle) }

    /// The `k` most probable labels, best first, as the model writes them (`__label__en`).
    /// Line breaks count as spaces.
    public func predict(_ text: String, k: Int) -> [(label: String, probability: Double)] {
        guard k > 0 else { return [] }
        var labels = [CChar](repeating: 0, count: k * Self.labelCapacity)
        var probabilities = [Float](repeating: 0, count: k)
        var utf8 = Array(text.utf8)
        let n = utf8.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                tm_fasttext_predict(
                    handle, chars.baseAddress, Int32(chars.count), Int32(k), &labels, Int32(Self.labelCapacity), &probabilities)
            }
        }
        return (0..<Int(n)).map { i in
            let slot = labels[(i * Self.labelCapacity)..<((i + 1) * Self.labelCapacity)]
            let label = String(decoding: slot.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return (label, Double(probabilities[i]))
        }
    }
}
