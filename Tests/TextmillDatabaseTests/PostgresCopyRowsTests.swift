import Testing
import TextmillDatabase

/// Whole COPY rows as the PostgreSQL sink sends them (the `db-rows` fuzz target checks the
/// same against a COPY decoder; these pin the cases it found).
@Suite struct PostgresCopyRowsTests {
    func rows(_ jsonl: String, columns: [TypedColumn], failed: [Int] = []) throws -> [[String]] {
        var rows = PostgresCopyRows(table: try DatabaseTable(name: "t", typedColumns: columns), runKey: "k")
        _ = try rows.encode(Array(jsonl.utf8), failedPositions: failed, after: 0)
        return String(decoding: rows.bytes, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func idsOutsideBigintAreNullInsteadOfFailingTheChunk() throws {
        let got = try rows(#"{"ids":[1,-9223372036854775808,9223372036854775807]}"# + "\n" + #"{"ids":[1,9223372036854775808]}"# + "\n" + #"{"ids":[99999999999999999999]}"#, columns: [.ids])
        #expect(got.map { $0[6] } == ["{1,-9223372036854775808,9223372036854775807}", "\\N", "\\N"])
    }

    @Test func errorFieldsTakeTheLastOfDuplicateKeysAsJsonbDoes() throws {
        let got = try rows(#"{"id":"a","id":"b","error":{"code":"c1","message":"m1","code":"c2"}}"#, columns: [], failed: [0])
        #expect(got[0][2] == "b" && got[0][4] == "c2" && got[0][5] == "m1")
    }

    @Test func unpairedSurrogateEscapesBecomeTheReplacementCharacterInJsonb() throws {
        // jsonb refuses "\ud800" (and with it the whole COPY); a pair stays as it is.
        let got = try rows(#"{"a":"\ud800x\uDC00","b":"\ud83d\ude00","c":"\\ud800","d":"\u0000"}"#, columns: [])
        #expect(got[0][3] == #"{"a":"\\ufffdx\\ufffd","b":"\\ud83d\\ude00","c":"\\\\ud800","d":"\\ufffd"}"#)
    }
}
