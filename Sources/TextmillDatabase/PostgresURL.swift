import TextmillOutput

/// A `postgresql://` (or `postgres://`) URL as textmill takes it: libpq's URL syntax, plus a
/// `table` query parameter of textmill's own, and never a password.
///
/// Passwords come only from `PGPASSWORD` or the password file (`~/.pgpass`, `PGPASSFILE`), which
/// libpq reads itself: a password in a URL would show in process lists, shell history and
/// every message that names the destination. Anything the URL leaves out (host, port, user,
/// database) comes from the usual `PG*` environment variables and libpq's defaults.
public struct PostgresURL: Sendable, Equatable {
    /// The URL handed to libpq: the one given, less textmill's own parameters.
    public let connectionURL: String
    /// The `table` parameter, when given.
    public let table: String?
    /// The URL as messages name it (it holds no secret; kept without textmill's parameters).
    public var name: String { connectionURL }

    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws(OutputError) {
        guard Self.isPostgresURL(text) else {
            throw OutputError(text, "not a PostgreSQL URL (postgresql://USER@HOST[:PORT]/DB[?table=NAME])")
        }
        let schemeEnd = text.firstRange(of: "://")!.upperBound
        let scheme = String(text[..<schemeEnd])
        var rest = Substring(text[schemeEnd...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            let user = authority[..<authority.firstIndex(of: ":")!]
            throw OutputError(
                scheme + user + ":***" + authority[at...] + rest[authorityEnd...],
                "a password in the URL is not accepted (it would show in process lists and logs): put it in PGPASSWORD or ~/.pgpass")
        }
        var kept: [Substring] = []
        var table: String?
        for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            switch key {
            case "table": table = String(parameter.dropFirst("table=".count))
            case "password":
                throw OutputError(scheme + rest, "a password in the URL is not accepted (it would show in process lists and logs): put it in PGPASSWORD or ~/.pgpass")
            default: kept.append(parameter)
            }
        }
        self.table = table
        connectionURL = scheme + rest + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }
}
