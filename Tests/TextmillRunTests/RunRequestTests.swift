import Testing
import TextmillRun

/// `RunRequest.validate()` is what both `textmill run` and `job.submit` refuse requests with.
@Suite struct RunRequestTests {
    private func request(_ change: (inout RunRequest) -> Void) -> RunRequest {
        var request = RunRequest()
        request.inputs = ["in.jsonl"]
        request.output = "/tmp/textmill-run-request-test.jsonl"
        change(&request)
        return request
    }

    private func refusal(_ request: RunRequest) -> String? {
        do {
            try request.validate()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func plainRequestPasses() {
        #expect(refusal(request { _ in }) == nil)
    }

    /// Tiny documents fill chunks to 16 KiB by default; a --chunk-docs chosen by hand (or
    /// --flush-lines) still ends every chunk at that count unless --chunk-min-bytes is given.
    @Test func chunkMinBytesDefaultsOnlyWithTheDefaultDocumentCount() {
        #expect(request { _ in }.effectiveChunkMinBytes == 16 << 10)
        #expect(request { $0.chunkDocs = 7 }.effectiveChunkMinBytes == 0)
        #expect(request { $0.chunkDocs = 7; $0.chunkMinBytes = 100 }.effectiveChunkMinBytes == 100)
        #expect(request { $0.chunkMinBytes = 0 }.effectiveChunkMinBytes == 0)
        #expect(request { $0.flushLines = true; $0.chunkMinBytes = 100 }.effectiveChunkMinBytes == 0)
        #expect(refusal(request { $0.chunkMinBytes = -1 }) == "--chunk-min-bytes must not be negative")
    }

    @Test func outputConflictsAreRefused() {
        #expect(refusal(request { $0.outputDir = "/tmp/dir" }) == "use either -o/--output or --output-dir, not both")
        #expect(refusal(request { $0.gzip = true }) == "--gzip is for --output-dir shards; -o FILE.gz compresses by its name")
        #expect(refusal(request { $0.errors = $0.output }) == "--errors must be another file than the output")
    }

    @Test func runLimitsAreRefused() {
        #expect(refusal(request { $0.workers = 0 }) == "--workers must be at least 1")
        #expect(refusal(request { $0.chunkDocs = 0 }) == "--chunk-docs must be at least 1")
        #expect(refusal(request { $0.chunkTimeout = 0 }) == "--chunk-timeout must be a positive number of seconds")
    }

    @Test func resumeNeedsAPlainFileAndNamedInputs() {
        #expect(refusal(request { $0.resume = true; $0.output = "/tmp/x.jsonl.gz" })
            == "--resume needs a plain -o FILE (not .gz, --output-dir or --errors)")
        #expect(refusal(request { $0.resume = true; $0.inputs = ["-"] }) == "--resume cannot continue standard input; name the input files")
        #expect(refusal(request { $0.resume = true; $0.unordered = true })
            == "--resume needs an output file written in order (not standard output, not --unordered)")
    }

    @Test func databaseAndShardOptionsAreChecked() {
        #expect(refusal(request { $0.dbTable = "t" }) == "--db-table and --db-columns need database output (--sink, or -o PATH.sqlite)")
        #expect(refusal(request { $0.output = "/tmp/x.sqlite"; $0.unordered = true })
            == "database output numbers documents by input position; drop --unordered")
        #expect(refusal(request { $0.shards.outputFormat = "nope" })?.hasPrefix("--output-format nope: not one of") == true)
        #expect(refusal(request { $0.output = nil; $0.shards.outputFormat = "llmc" }) == "--output-format llmc needs --output-dir DIR")
    }

    @Test func pipelineChoiceIsChecked() {
        #expect(refusal(request { $0.pipeline.preset = "a"; $0.pipeline.config = "b" }) == "use either --preset or --config, not both")
    }

    @Test func resumabilityFollowsTheOutput() {
        #expect(request { _ in }.isResumable)
        #expect(!request { $0.output = "/tmp/x.jsonl.gz" }.isResumable)
        #expect(request { $0.output = "/tmp/x.sqlite" }.isResumable)
        #expect(!request { $0.unordered = true }.isResumable)
    }
}
