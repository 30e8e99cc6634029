import Testing
import TextmillJSON
import TextmillTestSupport

/// `textmill dedup` end to end on a generated corpus with planted duplicates (exact copies,
/// small edits, swapped sentences, added boilerplate) and near misses that must be kept,
/// against exact ground truth: precision ≥ 0.99, recall ≥ 0.95, every document accounted for.
@Suite struct DedupCommandTests {
    @Test func precisionAndRecallOnPlantedDuplicates() throws {
        let corpus = PlantedDuplicateCorpus(bases: 150)
        let truth = corpus.groundTruth()
        let dir = TextmillBinary.temporaryDirectory()
        var input = ""
        for (i, text) in corpus.documents.enumerated() { input += #"{"id": "d\#(i)", "text": "\#(text)"}"# + "\n" }
        TextmillBinary.write(dir + "/in.jsonl", Array(input.utf8))
        // A tiny memory budget forces spilled runs and the k-way merge.
        let result = TextmillBinary.run([
            "dedup", dir + "/in.jsonl", "-o", dir + "/kept.jsonl", "--removed", dir + "/removed.jsonl",
            "--workers", "2", "--chunk-docs", "16", "--memory-entries", "500", "--spill-directory", dir,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let kept = try Fixtures.lines(dir + "/kept.jsonl").map { try JSONValue.parse($0)["id"]?.stringValue ?? "" }
        let removed = try Fixtures.lines(dir + "/removed.jsonl").map { try JSONValue.parse($0) }
        #expect(kept.count + removed.count == corpus.documents.count)
        let removedIndices = Set(removed.compactMap { $0["id"]?.stringValue.flatMap { Int($0.dropFirst()) } })
        let keptSet = Set(kept)
        for record in removed {
            // The document it duplicates is kept, and comes earlier.
            let of = try #require(record["duplicate_of"]?.stringValue)
            #expect(keptSet.contains(of))
            #expect(Int(of.dropFirst())! < Int(record["id"]!.stringValue!.dropFirst())!)
            #expect((record["jaccard"]?.doubleValue ?? 0) >= 0.8)
        }
        let truePositives = removedIndices.intersection(truth).count
        let precision = Double(truePositives) / Double(max(1, removedIndices.count))
        let recall = Double(truePositives) / Double(max(1, truth.count))
        #expect(truth.count >= 40, "the corpus plants enough duplicates")
        #expect(corpus.kinds.filter { $0 == "near_miss" }.count >= 20, "and near misses")
        #expect(precision >= 0.99, "precision \(precision)")
        #expect(recall >= 0.95, "recall \(recall): missed \(truth.subtracting(removedIndices).sorted().map { corpus.kinds[$0] })")
        #expect(result.stderr.contains("runs spilled"))
        #expect(!result.stderr.contains(" 0 runs spilled"))
    }

    /// Sort buffers of 3 entries (every external sort spills nearly every entry) and one thread
    /// against the defaults (nothing spilled) and 3 threads: byte-identical kept and removed files.
    @Test func tinySortMemoryWritesTheSameFiles() throws {
        let corpus = PlantedDuplicateCorpus(bases: 60, seed: 7)
        let dir = TextmillBinary.temporaryDirectory()
        var input = ""
        for (i, text) in corpus.documents.enumerated() { input += #"{"id": "d\#(i)", "text": "\#(text)"}"# + "\n" }
        TextmillBinary.write(dir + "/in.jsonl", Array(input.utf8))
        var outputs: [[[UInt8]]] = []
        for (name, flags) in [("default", ["--threads", "3"]), ("tiny", ["--memory-entries", "3", "--threads", "1"])] {
            let result = TextmillBinary.run([
                "dedup", dir + "/in.jsonl", "-o", dir + "/kept-\(name).jsonl", "--removed", dir + "/removed-\(name).jsonl",
                "--workers", "1", "--spill-directory", dir,
            ] + flags)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains(name == "tiny" ? "runs spilled" : " 0 runs spilled"), "\(result.stderr)")
            outputs.append([Fixtures.read(dir + "/kept-\(name).jsonl"), Fixtures.read(dir + "/removed-\(name).jsonl")])
        }
        #expect(Fixtures.lines(dir + "/removed-tiny.jsonl").count >= 15)
        #expect(outputs[0][0] == outputs[1][0], "kept documents differ")
        #expect(outputs[0][1] == outputs[1][1], "removed records differ")
    }

    @Test func exactOnlyKeepsNearDuplicates() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let text = "the same long sentence about nothing in particular that goes on and on for a while"
        let input = """
            {"id": 1, "text": "\(text)"}
            {"id": 2, "text": "\(text.uppercased())"}
            {"id": 3, "text": "\(text) today"}

            """
        TextmillBinary.write(dir + "/in.jsonl", Array(input.utf8))
        let result = TextmillBinary.run(["dedup", dir + "/in.jsonl", "-o", dir + "/kept.jsonl", "--removed", dir + "/removed.jsonl",
                                         "--exact-only", "--workers", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let removed = try Fixtures.lines(dir + "/removed.jsonl").map { try JSONValue.parse($0) }
        // Case-folded by the icu-words normalization, 2 is an exact duplicate of 1; 3 is only near.
        #expect(removed.count == 1)
        #expect(removed.first?["id"]?.intValue == 2 && removed.first?["duplicate_of"]?.intValue == 1)
        #expect(removed.first?["kind"]?.stringValue == "exact")
        #expect(Fixtures.lines(dir + "/kept.jsonl") == [#"{"id": 1, "text": "\#(text)"}"#, #"{"id": 3, "text": "\#(text) today"}"#])
    }

    @Test func standardInputIsRefused() {
        let result = TextmillBinary.run(["dedup", "-", "-o", "/dev/null", "--removed", "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("reads its inputs twice"))
    }
}
