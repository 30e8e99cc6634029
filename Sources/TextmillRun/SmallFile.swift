import TextmillOutput

/// Small files a run writes beside its output (summary, metadata, resume manifest), each
/// written atomically so a reader never sees half of one.
public enum SmallFile {
    public static func write(_ path: String, _ bytes: [UInt8]) throws(RunFailure) {
        do {
            let sink = try OutputSink(path: path)
            try sink.write(bytes)
            try sink.finish()
        } catch {
            throw RunFailure("\(error)", kind: .output)
        }
    }
}
