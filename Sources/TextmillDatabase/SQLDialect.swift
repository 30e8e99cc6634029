/// The column types of one database.
package enum SQLDialect {
    case sqlite
    case postgres

    var text: SQLType { SQLType(declaration: "TEXT", catalogueNames: ["text"]) }

    var bigint: SQLType {
        switch self {
        case .sqlite: SQLType(declaration: "INTEGER", catalogueNames: ["integer"])
        case .postgres: SQLType(declaration: "BIGINT", catalogueNames: ["int8"])
        }
    }

    var integer: SQLType {
        switch self {
        case .sqlite: SQLType(declaration: "INTEGER", catalogueNames: ["integer"])
        case .postgres: SQLType(declaration: "INTEGER", catalogueNames: ["int4"])
        }
    }

    var json: SQLType {
        switch self {
        case .sqlite: SQLType(declaration: "TEXT", catalogueNames: ["text"])
        case .postgres: SQLType(declaration: "JSONB", catalogueNames: ["jsonb"])
        }
    }

    var timestamp: SQLType {
        switch self {
        case .sqlite: SQLType(declaration: "TEXT", catalogueNames: ["text"])
        case .postgres: SQLType(declaration: "TIMESTAMPTZ", catalogueNames: ["timestamptz"])
        }
    }

    func type(of column: TypedColumn) -> SQLType {
        switch (self, column) {
        case (_, .text): text
        case (.sqlite, .tokens), (.sqlite, .ids): text
        case (.postgres, .tokens): SQLType(declaration: "TEXT[]", catalogueNames: ["_text"])
        case (.postgres, .ids): SQLType(declaration: "BIGINT[]", catalogueNames: ["_int8"])
        case (_, .tokenCount), (_, .sentenceCount): integer
        }
    }
}
