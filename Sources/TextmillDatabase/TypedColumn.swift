import TextmillOutput

/// An optional column filled from one field of each record, so common queries (token counts,
/// the token list) need no JSON functions. Chosen per table; absent fields leave it NULL.
public enum TypedColumn: String, CaseIterable, Sendable {
    /// The record's `text` field.
    case text
    /// The record's `tokens` array: `text[]` in PostgreSQL, the JSON array as text in SQLite.
    case tokens
    /// The record's `ids` array (model token ids): `bigint[]` in PostgreSQL, JSON text in SQLite.
    case ids
    /// How many elements the record's `tokens` array has.
    case tokenCount = "token_count"
    /// How many elements the record's `sentences` array has.
    case sentenceCount = "sentence_count"

    /// The record field the column is read from.
    var field: [UInt8] {
        switch self {
        case .text: Array("text".utf8)
        case .tokens, .tokenCount: Array("tokens".utf8)
        case .ids: Array("ids".utf8)
        case .sentenceCount: Array("sentences".utf8)
        }
    }

    /// Parses a comma-separated list such as `tokens,token_count` (empty means none).
    public static func parseList(_ list: String) throws(OutputError) -> [TypedColumn] {
        var columns: [TypedColumn] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = name.trimmingSpaces
            guard let column = TypedColumn(rawValue: trimmed) else {
                throw OutputError("typed column \"\(trimmed)\"", "unknown; choose from \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if columns.contains(column) { throw OutputError("typed column \"\(trimmed)\"", "named twice") }
            columns.append(column)
        }
        return columns
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
