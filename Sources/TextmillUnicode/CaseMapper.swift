internal import CICU

/// ICU's full case mappings: Unicode case folding, and locale-sensitive lower/upper casing.
public struct CaseMapper: Sendable {
    public enum Mapping: Sendable, Equatable {
        case fold
        case lower(locale: String)
        case upper(locale: String)
    }

    public let mapping: Mapping

    public init(_ mapping: Mapping) { self.mapping = mapping }

    /// Appends the case mapping of `source` to `output`.
    public func map(_ source: UnsafeBufferPointer<UInt16>, appendingTo output: inout [UInt16]) throws {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        switch mapping {
        case .fold:
            try appendGrowing(to: &output, estimate: source.count + 8, operation: "u_strFoldCase") { d, c, s in
                textmill_u_strFoldCase(d, c, base, Int32(source.count), UInt32(U_FOLD_CASE_DEFAULT), s)
            }
        case .lower(let locale):
            try appendGrowing(to: &output, estimate: source.count + 8, operation: "u_strToLower") { d, c, s in
                textmill_u_strToLower(d, c, base, Int32(source.count), locale == "root" ? "" : locale, s)
            }
        case .upper(let locale):
            try appendGrowing(to: &output, estimate: source.count + 8, operation: "u_strToUpper") { d, c, s in
                textmill_u_strToUpper(d, c, base, Int32(source.count), locale == "root" ? "" : locale, s)
            }
        }
    }
}
