#if canImport(Glibc)
import Glibc
#endif
import Testing
import TextmillTestSupport

/// Outputs that are not regular files (`/dev/null`, FIFOs, `/dev/stdout`) are written directly:
/// never replaced by a rename, no `.partial`/`.meta.json`/`.resume.json` beside them.
@Suite struct SpecialOutputTests {
    private func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    private func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    @Test func devNullStaysADevice() {
        #expect(fileType("/dev/null") == S_IFCHR, "/dev/null was not a device before the test")
        let result = TextmillBinary.run(
            ["run", Fixtures.path("corpora/en.jsonl"), "-o", "/dev/null", "--stats", "/dev/null", "--errors", "/dev/null",
             "--workers", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType("/dev/null") == S_IFCHR, "textmill replaced /dev/null")
        for sidecar in [".partial", ".meta.json", ".resume.json"] {
            #expect(!exists("/dev/null" + sidecar), "left /dev/null\(sidecar)")
        }
        let single = TextmillBinary.run(["run", Fixtures.path("corpora/de.jsonl"), "-o", "/dev/null", "--workers", "1"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(fileType("/dev/null") == S_IFCHR)
    }

    @Test func resumeIsRefusedForADevice() {
        let result = TextmillBinary.run(["run", Fixtures.path("corpora/en.jsonl"), "-o", "/dev/null", "--resume"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--resume needs a regular output file"), "\(result.stderr)")
        #expect(fileType("/dev/null") == S_IFCHR)
    }

    @Test func fifoGetsTheRecordsDirectly() throws {
        let dir = TextmillBinary.temporaryDirectory()
        defer { _ = system("rm -rf '\(dir)'") }
        let fifo = dir + "/pipe", copy = dir + "/copy.jsonl", plain = dir + "/plain.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        let input = Fixtures.path("corpora/ru.jsonl")
        // A reader drains the FIFO into a file while textmill writes it.
        let reader = "cat '\(fifo)' > '\(copy)' &"
        let command = "cd '\(Fixtures.packageRoot)' && \(reader) timeout 120 '\(TextmillBinary.path)' run '\(input)' -o '\(fifo)' --workers 2 --quiet; s=$?; wait; exit $s"
        #expect((system(command) >> 8) & 0xFF == 0)
        let direct = TextmillBinary.run(["run", input, "-o", plain, "--workers", "1"])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(Fixtures.read(copy) == Fixtures.read(plain))
        #expect(!Fixtures.read(copy).isEmpty)
        #expect(fileType(fifo) == S_IFIFO, "the FIFO was replaced")
        #expect(!exists(fifo + ".meta.json") && !exists(fifo + ".partial") && !exists(fifo + ".resume.json"))
        #expect(exists(plain + ".meta.json"), "a regular file still gets its metadata")
    }

    @Test func devStdoutWritesToStandardOutput() {
        let result = TextmillBinary.run(["run", "-", "-o", "/dev/stdout"], stdin: Array(#"{"id":1,"text":"Hello there"}"#.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == #"{"id":1,"tokens":["hello","there"],"offsets":[[0,5],[6,11]]}"# + "\n")
        #expect(fileType("/dev/stdout") == S_IFLNK)
    }
}
