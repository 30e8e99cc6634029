import Testing
import TextmillJSON
import TextmillTestSupport

/// `vocab build`'s map step on worker processes: the same vocabulary whatever the worker count,
/// and a document that crashes workers is left out and reported, not fatal.
@Suite struct VocabPoolTests {
    @Test func theVocabularyDoesNotDependOnTheWorkers() {
        let dir = TextmillBinary.temporaryDirectory()
        let inputs = Fixtures.corpusFiles
        let one = TextmillBinary.run(["vocab", "build"] + inputs + ["-o", dir + "/one.tsv", "--workers", "1", "--quiet"])
        #expect(one.status == 0, "\(one.stderr)")
        for workers in [["--workers", "2", "--chunk-docs", "37"], ["--workers", "1", "--isolate"]] {
            let pooled = TextmillBinary.run(["vocab", "build"] + inputs + ["-o", dir + "/pool.tsv", "--quiet"] + workers)
            #expect(pooled.status == 0, "\(pooled.stderr)")
            #expect(Fixtures.read(dir + "/pool.tsv") == Fixtures.read(dir + "/one.tsv"), "\(workers)")
        }
        #expect(Fixtures.lines(dir + "/one.tsv").count > 1000)
    }

    @Test func aDocumentThatCrashesWorkersIsLeftOutAndReported() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let en = Fixtures.path("corpora/en.jsonl")
        let lines = Fixtures.lines(en)
        let poisonID = try JSONValue.parse(lines[4])["id"]!.stringValue!
        // The reference: the same input without the poison document.
        TextmillBinary.write(dir + "/without.jsonl", Array((lines[..<4] + lines[5...]).map { $0 + "\n" }.joined().utf8))
        let reference = TextmillBinary.run(["vocab", "build", dir + "/without.jsonl", "-o", dir + "/ref.tsv", "--workers", "1", "--quiet"])
        #expect(reference.status == 0)
        let result = TextmillBinary.run(
            ["vocab", "build", en, "-o", dir + "/crash.tsv", "--workers", "2", "--chunk-docs", "20"],
            environment: ["TEXTMILL_FAULT": "crash:\(poisonID)"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("en.jsonl:5: id \"\(poisonID)\": worker_crashed"))
        // Same counts as a build over the other documents; only the header's document count
        // and nothing else differs.
        #expect(Fixtures.lines(dir + "/crash.tsv").dropFirst() == Fixtures.lines(dir + "/ref.tsv").dropFirst())
        #expect(Fixtures.lines(dir + "/crash.tsv").first?.contains("docs=\(lines.count - 1)") == true)
    }
}
