import Testing
import TextmillJSON
import TextmillTestSupport

/// Documents a filter stage drops are never lost: they stay in the output as rejected records,
/// or move to `--rejected`, and the summary counts them per reason.
@Suite struct RejectedOutputTests {
    static let input = """
        {"id": "en1", "text": "The file cannot be opened because there is no space left on the disk."}
        {"id": "ru1", "text": "Невозможно открыть файл, потому что на диске недостаточно места."}
        {"id": "en2", "text": "Please try again later, or free some space and restart the program."}
        not json
        {"id": "de1", "text": "Die Datei kann nicht geöffnet werden, weil kein Platz mehr auf der Festplatte ist."}

        """

    func config(_ dir: String) -> String {
        let path = dir + "/curate.json"
        TextmillBinary.write(path, Array(#"""
            {"version": 1, "name": "curate", "stages": [{"type": "language"}, {"type": "filter_language", "languages": ["en"]}],
             "output": {"fields": ["id", "language"]}}
            """#.utf8))
        return path
    }

    @Test func rejectedRecordsMoveToTheirFileWithReasonsCounted() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/in.jsonl", Array(Self.input.utf8))
        let result = TextmillBinary.run([
            "run", dir + "/in.jsonl", "--config", config(dir), "-o", dir + "/kept.jsonl", "--rejected", dir + "/rejected.jsonl",
            "--errors", dir + "/errors.jsonl", "--stats", dir + "/stats.json", "--workers", "2", "--chunk-docs", "2",
        ])
        #expect(result.status == 1, "\(result.stderr)")  // the bad line
        let kept = try Fixtures.lines(dir + "/kept.jsonl").map { try JSONValue.parse($0) }
        #expect(kept.map { $0["id"]?.stringValue ?? "" } == ["en1", "en2"])
        let rejected = try Fixtures.lines(dir + "/rejected.jsonl").map { try JSONValue.parse($0) }
        #expect(rejected.map { $0["id"]?.stringValue ?? "" } == ["ru1", "de1"])
        #expect(rejected.map { $0["rejected"]?["values"]?["language"]?.stringValue ?? "" } == ["ru", "de"])
        #expect(rejected.allSatisfy { $0["rejected"]?["reasons"]?.arrayValue?.first?.stringValue == "language" })
        #expect(rejected.first?["rejected"]?["line"]?.intValue == 2)
        #expect(Fixtures.lines(dir + "/errors.jsonl").count == 1)
        #expect(result.stderr.contains("2 rejected (language 2)"), "\(result.stderr)")
        let stats = try JSONValue.parse(Fixtures.read(dir + "/stats.json"))
        #expect(stats["documents_rejected"]?.intValue == 2)
        #expect(stats["rejected_by_reason"]?["language"]?.intValue == 2)
    }

    @Test func withoutRejectedTheyStayInPlace() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let result = TextmillBinary.run(["run", "-", "--config", config(dir), "-o", "-", "--workers", "1"], stdin: Array(Self.input.utf8))
        #expect(result.status == 1)
        let records = try result.stdoutLines.map { try JSONValue.parse($0) }
        #expect(records.count == 5)
        #expect(records.map { $0["rejected"] != nil } == [false, true, false, false, true])
        #expect(result.stderr.contains("2 rejected (language 2)"), "\(result.stderr)")
    }

    @Test func rejectedCannotShareTheOutput() {
        let dir = TextmillBinary.temporaryDirectory()
        let result = TextmillBinary.run(["run", "-", "--config", config(dir), "--rejected", "-"], stdin: [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--rejected - and the output would both be standard output"))
    }
}
