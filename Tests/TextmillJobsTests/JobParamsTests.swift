import Testing
import TextmillJSON
import TextmillJobs
import TextmillRun

/// `job.submit` params: run's long options with underscores, read back exactly as written.
@Suite struct JobParamsTests {
    private func params(_ text: String) throws -> JobParams {
        try JobParams(try JSONValue.parse(text))
    }

    private func refusal(_ text: String) -> String? {
        do {
            _ = try params(text)
            return nil
        } catch let error as RunFailure {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func optionsBecomeTheRequest() throws {
        let job = try params("""
            {"inputs": ["a.jsonl", "b/*.jsonl"], "output": "out.jsonl", "preset": "chat", "chunk_docs": 8, "workers": 2,
             "format": "csv", "text_column": "body", "unordered": true, "priority": 7, "offsets": "utf8"}
            """)
        #expect(job.priority == 7)
        #expect(job.request.inputs == ["a.jsonl", "b/*.jsonl"])
        #expect(job.request.output == "out.jsonl")
        #expect(job.request.pipeline.preset == "chat")
        #expect(job.request.pipeline.offsets == .utf8)
        #expect(job.request.chunkDocs == 8)
        #expect(job.request.workers == 2)
        #expect(job.request.format == .csv)
        #expect(job.request.textColumn == "body")
        #expect(job.request.unordered)
    }

    @Test func encodingReadsBackTheSameRequest() throws {
        var request = RunRequest()
        request.inputs = ["/data/in.jsonl"]
        request.outputDir = "/data/out"
        request.shards.outputFormat = "llmc"
        request.shards.shardTokens = 1000
        request.shards.valFraction = 0.25
        request.pipeline.tokenizer = "/m/tok.json"
        request.keepFields = "meta"
        request.chunkBytes = 4096
        request.resume = true
        let decoded = try JobParams(JobParams.encode(request, priority: 3))
        #expect(decoded.request == request)
        #expect(decoded.priority == 3)
    }

    @Test func wrongParamsAreNamed() {
        #expect(refusal(#"{"inputs": ["a"], "output": "o", "chunk_dox": 3}"#)?.hasPrefix("unknown option chunk_dox") == true)
        #expect(refusal(#"{"inputs": ["a"], "output": "o", "chunk_docs": "3"}"#) == "chunk_docs must be an integer, not string")
        #expect(refusal(#"{"inputs": ["a"], "output": "o", "progress": true}"#) == "progress: not available for jobs (it is for a terminal or a pipe)")
        #expect(refusal(#"{"output": "o"}"#)?.hasPrefix("a job needs inputs") == true)
        #expect(refusal(#"{"inputs": ["-"], "output": "o"}"#)?.hasPrefix("a job needs inputs") == true)
        #expect(refusal(#"{"inputs": ["a"]}"#)?.hasPrefix("a job needs an output") == true)
        #expect(refusal(#"{"inputs": ["a"], "output": "o", "split": "words"}"#) == "split words: not lines, paragraphs or file")
        #expect(refusal(#"[1]"#)?.hasPrefix("job.submit needs params") == true)
    }
}
