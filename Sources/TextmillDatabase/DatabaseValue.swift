/// One value read back from a database query (what the tests and callers compare).
public enum DatabaseValue: Equatable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var stringValue: String? { if case .text(let s) = self { s } else { nil } }
    public var intValue: Int? { if case .integer(let i) = self { Int(i) } else { nil } }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        }
    }
}
