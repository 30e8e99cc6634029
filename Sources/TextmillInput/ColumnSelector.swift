/// A CSV/TSV column given by header name or by 1-based position (`--text-column 3`, like `cut -f`).
///
/// A header name wins over a position, so a column literally named "2" can still be chosen.
public struct ColumnSelector: Sendable, Equatable, CustomStringConvertible {
    public let spec: String

    public init(_ spec: String) { self.spec = spec }

    /// The 0-based index in `header`, or nil when neither a name nor a valid position matches.
    public func index(in header: [String]) -> Int? {
        if let byName = header.firstIndex(of: spec) { return byName }
        if let position = Int(spec), position >= 1, position <= header.count { return position - 1 }
        return nil
    }

    public var description: String { spec }
}
