import Testing
import TextmillJobs
import TextmillRun
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `--input-root`/`--output-root`: what a job may read and write.
@Suite struct JobPathPolicyTests {
    private let base = TextmillBinary.temporaryDirectory()

    private func policy() throws -> JobPathPolicy {
        mkdir(base + "/in", 0o755)
        mkdir(base + "/in/sub", 0o755)
        mkdir(base + "/out", 0o755)
        mkdir(base + "/elsewhere", 0o755)
        TextmillBinary.write(base + "/in/a.jsonl", Array(#"{"text":"a"}"#.utf8 + [0x0A]))
        TextmillBinary.write(base + "/elsewhere/secret.jsonl", Array(#"{"text":"s"}"#.utf8 + [0x0A]))
        symlink(base + "/elsewhere/secret.jsonl", base + "/in/link.jsonl")
        symlink(base + "/elsewhere", base + "/out/escape")
        symlink(base + "/elsewhere/x.jsonl", base + "/out/linked.jsonl")
        return try JobPathPolicy(inputRoot: base + "/in", outputRoot: base + "/out")
    }

    private func refusal(_ body: () throws -> String) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as RunFailure {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func pathsInsideTheRootsAreMadeAbsolute() throws {
        let paths = try policy()
        let root = try #require(paths.inputRoot)
        #expect(try paths.input("a.jsonl") == root + "/a.jsonl")
        #expect(try paths.input(root + "/a.jsonl") == root + "/a.jsonl")
        #expect(try paths.input("sub/*.jsonl") == root + "/sub/*.jsonl")
        #expect(try paths.output("result.jsonl") == paths.outputRoot! + "/result.jsonl")
    }

    @Test func climbingAbsoluteOutsideAndSymlinkEscapesAreRefused() throws {
        let paths = try policy()
        #expect(refusal { try paths.input("../elsewhere/secret.jsonl") }?.contains(".. is not allowed") == true)
        #expect(refusal { try paths.input("sub/../../elsewhere/secret.jsonl") }?.contains(".. is not allowed") == true)
        #expect(refusal { try paths.input(base + "/elsewhere/secret.jsonl") }?.contains("outside the --input-root") == true)
        #expect(refusal { try paths.input("link.jsonl") }?.contains("through a symlink") == true)
        #expect(refusal { try paths.output("/tmp/x.jsonl") }?.contains("outside the --output-root") == true)
        #expect(refusal { try paths.output("escape/x.jsonl") }?.contains("does not exist inside --output-root") == true)
        #expect(refusal { try paths.output("linked.jsonl") }?.contains("is a symlink") == true)
        #expect(refusal { try paths.output("missing/x.jsonl") }?.contains("does not exist inside --output-root") == true)
    }

    @Test func globsAreCheckedAfterExpansion() throws {
        let paths = try policy()
        #expect(refusal { try paths.checkExpanded(base + "/in/link.jsonl"); return "" }?.contains("leads outside --input-root") == true)
        #expect(refusal { try paths.checkExpanded(base + "/in/a.jsonl"); return "" } == nil)
    }

    @Test func withoutRootsRelativePathsAreTheServers() throws {
        let paths = try JobPathPolicy(inputRoot: nil, outputRoot: nil)
        #expect(!paths.hasRoots)
        #expect(try paths.input("x.jsonl") == paths.workingDirectory + "/x.jsonl")
        #expect(try paths.output("/anywhere/y.jsonl") == "/anywhere/y.jsonl")
    }

    @Test func aMissingRootIsAnError() {
        #expect(refusal { _ = try JobPathPolicy(inputRoot: base + "/nope", outputRoot: nil); return "" }?.contains("not an existing directory") == true)
    }
}
