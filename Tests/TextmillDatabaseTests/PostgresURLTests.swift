import Testing
import TextmillDatabase
import TextmillOutput

@Suite struct PostgresURLTests {
    @Test func textmillsTableParameterIsTakenOutAndTheRestGoesToLibpq() throws {
        let url = try PostgresURL("postgresql://me@db.example:6543/corpus?sslmode=require&table=docs&connect_timeout=3")
        #expect(url.table == "docs")
        #expect(url.connectionURL == "postgresql://me@db.example:6543/corpus?sslmode=require&connect_timeout=3")
        let short = try PostgresURL("postgres://")
        #expect(short.table == nil && short.connectionURL == "postgres://")
    }

    @Test func passwordsAreRefusedWithoutBeingRepeated() {
        for text in ["postgresql://me:hunter2@host/db", "postgres://me:hunter2@host:5/db?table=t", "postgresql://me@host/db?password=hunter2"] {
            #expect {
                try PostgresURL(text)
            } throws: { error in
                let message = "\(error)"
                return message.contains("a password in the URL is not accepted") && !message.contains("hunter2")
            }
        }
    }

    @Test func sinkSpecificationsAndOutputNames() throws {
        #expect(try DatabaseDestination(sink: "sqlite:out/x.db") == .sqlite(path: "out/x.db"))
        #expect(try DatabaseDestination(sink: "postgresql://u@h/d?table=t")?.tableParameter == "t")
        #expect(try DatabaseDestination(sink: "out.jsonl") == nil)
        #expect(throws: OutputError.self) { try DatabaseDestination(sink: "sqlite:") }
        #expect(try DatabaseDestination(sink: "sqlite:out/x.db?table=docs") == .sqlite(path: "out/x.db", table: "docs"))
        #expect(try DatabaseDestination(sink: "sqlite:out/x.db?table=docs")?.tableParameter == "docs")
        #expect(throws: OutputError.self) { try DatabaseDestination(sink: "sqlite:x.db?mode=ro") }
        #expect(throws: OutputError.self) { try DatabaseDestination(sink: "sqlite:?table=t") }
        #expect(DatabaseDestination(outputPath: "run.sqlite") == .sqlite(path: "run.sqlite"))
        #expect(DatabaseDestination(outputPath: "run.db") == .sqlite(path: "run.db"))
        #expect(DatabaseDestination(outputPath: "run.jsonl") == nil)
        #expect(DatabaseDestination(outputPath: ".db") == nil)
    }
}
