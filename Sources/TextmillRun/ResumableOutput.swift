import TextmillOutput

#if canImport(Glibc)
import Glibc
#endif

/// A run to a plain file that `--resume` can continue: the `.partial` file, its
/// `.resume.json` manifest, and how many input documents an earlier run already wrote.
///
/// The resume steps live here, beside `ResumeManifest`: `start` writes the manifest, `resume`
/// checks it against this run and reopens the partial file (cutting a torn last line),
/// `recordStop` saves progress when the run stops early, `complete` removes the manifest.
struct ResumableOutput {
    let sink: ResumableFileSink
    /// Input documents to skip: the complete records already in the partial file.
    let skip: Int
    private let manifest: ResumeManifest
    private let manifestPath: String

    /// A fresh run: a new partial file and its manifest.
    static func start(output: String, manifest: ResumeManifest) throws -> ResumableOutput {
        let sink: ResumableFileSink
        do { sink = try ResumableFileSink(path: output) } catch { throw RunFailure.output(error) }
        let path = ResumeManifest.path(for: output)
        try manifest.write(to: path)
        return ResumableOutput(sink: sink, skip: 0, manifest: manifest, manifestPath: path)
    }

    /// Continues an interrupted run, refusing (exit 2) when its inputs, pipeline or options changed.
    static func resume(output: String, manifest: ResumeManifest) throws -> ResumableOutput {
        let path = ResumeManifest.path(for: output)
        let earlier = try ResumeManifest.load(path)
        if let refusal = earlier.refusal(toContinueAs: manifest) { throw RunFailure("cannot resume: \(refusal)") }
        let reopened: (sink: ResumableFileSink, lines: Int, bytes: Int)
        do { reopened = try ResumableFileSink.reopen(path: output) } catch { throw RunFailure.output(error) }
        return ResumableOutput(sink: reopened.sink, skip: reopened.lines, manifest: manifest, manifestPath: path)
    }

    /// Saves how far the run got (the partial file itself stays the authority on records).
    func recordStop(documents: Int, chunks: Int, inputBytes: Int) {
        var progressed = manifest
        progressed.documentsDone = skip + documents
        progressed.chunksDone = chunks
        progressed.inputBytesDone = inputBytes
        try? progressed.write(to: manifestPath)
    }

    /// The run finished and its file is in place: nothing is left to resume.
    func complete() { unlink(manifestPath) }
}
