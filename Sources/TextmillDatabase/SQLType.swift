/// A column type: how it is declared, and the names the database's catalogue reports for it.
struct SQLType {
    var declaration: String
    var catalogueNames: [String]

    func accepts(_ reported: String) -> Bool { catalogueNames.contains(reported.lowercased()) }
}
