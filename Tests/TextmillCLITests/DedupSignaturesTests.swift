import Testing
import TextmillJSON
import TextmillTestSupport

/// Deduplication split as on a cluster: the signature step through `run`'s standard-input filter
/// mode (what Spark pipes each partition through) with the `dedup-signatures` preset, then
/// `textmill dedup --signatures` on one machine. The result must be exactly `textmill dedup`'s.
@Suite struct DedupSignaturesTests {
    @Test func signaturesFromTheFilterModeGiveTheSameDedup() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let raw = try CurationPipelineTests.rawCorpus()
        let input = Array((raw.lines.joined(separator: "\n") + "\n").utf8)
        TextmillBinary.write(dir + "/in.jsonl", input)

        let direct = TextmillBinary.run([
            "dedup", dir + "/in.jsonl", "-o", dir + "/kept.jsonl", "--removed", dir + "/removed.jsonl", "--workers", "2",
        ])
        #expect(direct.status == 1, "the line that is not JSON fails: \(direct.stderr)")

        // Two "partitions", each piped through the filter on its own, as Spark does.
        let half = raw.lines.count / 2
        var signatures: [String] = []
        for part in [raw.lines[..<half], raw.lines[half...]] {
            let filter = TextmillBinary.run(
                ["filter", "--workers", "1", "--preset", "dedup-signatures"], stdin: Array((part.joined(separator: "\n") + "\n").utf8))
            #expect(filter.stdoutLines.count == part.count, "one record per input line")
            signatures += filter.stdoutLines
        }
        TextmillBinary.write(dir + "/signatures.jsonl", Array((signatures.joined(separator: "\n") + "\n").utf8))
        let record = try JSONValue.parse(signatures[0])
        #expect(record.objectValue?.map(\.key) == ["id", "minhash"])
        #expect(record["minhash"]?["exact"]?.stringValue?.count == 16)

        // Clustering only: the removed records, as the direct run has them (but for file and line).
        let clustered = TextmillBinary.run([
            "dedup", "--signatures", dir + "/signatures.jsonl", "--removed", dir + "/removed-only.jsonl",
        ])
        #expect(clustered.status == 1, "the error record is reported: \(clustered.stderr)")
        func withoutPlace(_ file: String) throws -> [String] {
            try Fixtures.lines(dir + "/" + file).map { line in
                let value = try JSONValue.parse(line)
                return JSONValue.object((value.objectValue ?? []).filter { $0.key != "file" && $0.key != "line" }).jsonText
            }
        }
        let removed = try withoutPlace("removed.jsonl")
        #expect(removed.count >= 8)
        #expect(try withoutPlace("removed-only.jsonl") == removed)

        // With the inputs as well: the kept and removed files are byte for byte the direct run's.
        let both = TextmillBinary.run([
            "dedup", dir + "/in.jsonl", "--signatures", dir + "/signatures.jsonl", "-o", dir + "/kept2.jsonl",
            "--removed", dir + "/removed2.jsonl",
        ])
        #expect(both.status == 1)
        #expect(Fixtures.read(dir + "/kept2.jsonl") == Fixtures.read(dir + "/kept.jsonl"))
        #expect(Fixtures.read(dir + "/removed2.jsonl") == Fixtures.read(dir + "/removed.jsonl"))

        // Signatures that do not match the inputs are refused.
        TextmillBinary.write(dir + "/short.jsonl", Array((signatures.dropLast(3).joined(separator: "\n") + "\n").utf8))
        let mismatch = TextmillBinary.run([
            "dedup", dir + "/in.jsonl", "--signatures", dir + "/short.jsonl", "-o", dir + "/k3.jsonl", "--removed", dir + "/r3.jsonl",
        ])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("more documents than the signatures"), "\(mismatch.stderr)")
    }

    /// Records a filter of the signature run rejected are in neither output file: the copy of a
    /// rejected document is kept, and the summary counts the skipped records.
    @Test func rejectedSignatureRecordsAreSkipped() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let text = "a sentence long enough to have several word five grams in it for the test"
        let lines = [
            #"{"id": "a", "text": "\#(text)"}"#, #"{"id": "b", "text": "something else entirely, with other words"}"#,
            #"{"id": "c", "text": "\#(text)"}"#, #"{"id": "d", "text": "\#(text)"}"#,
        ]
        TextmillBinary.write(dir + "/in.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))
        let filter = TextmillBinary.run(
            ["filter", "--workers", "1", "--preset", "dedup-signatures"], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        var signatures = filter.stdoutLines
        #expect(signatures.count == 4)
        signatures[0] = #"{"id": "a", "rejected": {"reasons": ["language"]}}"#
        TextmillBinary.write(dir + "/signatures.jsonl", Array((signatures.joined(separator: "\n") + "\n").utf8))
        let result = TextmillBinary.run([
            "dedup", dir + "/in.jsonl", "--signatures", dir + "/signatures.jsonl", "-o", dir + "/kept.jsonl",
            "--removed", dir + "/removed.jsonl", "--memory-entries", "2", "--spill-directory", dir,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("4 documents: 2 kept, 1 removed") && result.stderr.contains("1 rejected records skipped"), "\(result.stderr)")
        #expect(Fixtures.lines(dir + "/kept.jsonl") == [lines[1], lines[2]])
        let removed = try Fixtures.lines(dir + "/removed.jsonl").map { try JSONValue.parse($0) }
        #expect(removed.count == 1 && removed.first?["id"]?.stringValue == "d" && removed.first?["duplicate_of"]?.stringValue == "c")
    }
}
