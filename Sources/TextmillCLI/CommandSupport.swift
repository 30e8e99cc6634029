import TextmillOutput

#if canImport(Glibc)
import Glibc
#endif

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One `textmill: …` line on stderr.
func printError(_ message: String) {
    FileHandleStderr.write("textmill: \(message)", newline: true)
}

/// Writes a small file (summary, metadata) atomically.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    do {
        let sink = try OutputSink(path: path)
        try sink.write(bytes)
        try sink.finish()
    } catch {
        throw FatalError("\(error)")
    }
}
