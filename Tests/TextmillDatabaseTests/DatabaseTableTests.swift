import Testing
@testable import TextmillDatabase
import TextmillOutput

@Suite struct DatabaseTableTests {
    @Test func namesAreLowercaseIdentifiersThatLeaveRoomForTheRunsTable() throws {
        for good in ["textmill_records", "a", "_x9", String(repeating: "a", count: 58)] {
            #expect(try DatabaseTable(name: good).name == good)
        }
        for bad in ["", "Docs", "9lives", "a-b", "a b", "x\"y", "t;drop", "ü", String(repeating: "a", count: 59)] {
            #expect(throws: OutputError.self, "\(bad)") { try DatabaseTable(name: bad) }
        }
        #expect(try DatabaseTable(name: "docs").runsName == "docs_runs")
    }

    @Test func typedColumnsParseFromAListAndAppearInItsOrder() throws {
        let columns = try TypedColumn.parseList(" token_count, tokens ,ids")
        #expect(columns == [.tokenCount, .tokens, .ids])
        #expect(throws: OutputError.self) { try TypedColumn.parseList("tokens,tokens") }
        #expect(throws: OutputError.self) { try TypedColumn.parseList("language") }
        let table = try DatabaseTable(name: "t", typedColumns: columns)
        #expect(table.columns(.postgres).map(\.name) == ["run_key", "ordinal", "id", "record", "error_code", "error_message", "token_count", "tokens", "ids"])
        #expect(table.createStatement(.postgres).hasPrefix(#"CREATE TABLE IF NOT EXISTS "t" (run_key TEXT NOT NULL, ordinal BIGINT NOT NULL"#))
        #expect(table.createStatement(.postgres).contains("tokens TEXT[], ids BIGINT[], PRIMARY KEY (run_key, ordinal))"))
    }

    @Test func anExistingTableMustHaveExactlyTheColumnsAndTypes() throws {
        let table = try DatabaseTable(name: "t", typedColumns: [.tokenCount])
        let exact = [("run_key", "text"), ("ordinal", "int8"), ("id", "text"), ("record", "jsonb"),
                     ("error_code", "text"), ("error_message", "text"), ("token_count", "int4")].map { (name: $0.0, type: $0.1) }
        #expect(table.refusal(found: exact, dialect: .postgres) == nil)
        var wrongType = exact
        wrongType[3] = (name: "record", type: "json")
        #expect(table.refusal(found: wrongType, dialect: .postgres)?.contains("exists with other columns") == true)
        #expect(table.refusal(found: Array(exact.dropLast()), dialect: .postgres) != nil)
    }
}
