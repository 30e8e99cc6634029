/// One column of the records table.
struct DatabaseColumn {
    var name: String
    var type: SQLType
    var notNull = false
}
