#if canImport(Glibc)
import Glibc
#endif

/// A private directory for the files the reader targets hand to `DocumentStream`, which reads
/// paths (the real entry point: gzip sniffing, byte-order marks, format dispatch). It lives in
/// `/dev/shm` when there is one, so a file per execution costs microseconds.
enum FuzzScratch {
    nonisolated(unsafe) private static var directory: String?

    /// Writes `bytes` to `name` in the scratch directory and returns its path.
    static func file(_ name: String, _ bytes: [UInt8]) -> String {
        let path = scratchDirectory() + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create \(path): \(String(cString: strerror(errno)))")
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            precondition(n > 0, "cannot write \(path)")
            written += n
        }
        close(fd)
        return path
    }

    /// The path `name` would have in the scratch directory (for files a target lets the code write).
    static func path(_ name: String) -> String { scratchDirectory() + "/" + name }

    private static func scratchDirectory() -> String {
        if let directory { return directory }
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/textmill-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "cannot make a scratch directory in \(base)")
        let path = String(cString: made!)
        directory = path
        atexit { FuzzScratch.removeAll() }
        return path
    }

    /// Deletes the scratch directory and what is in it (at exit, and after the replay tests).
    static func removeAll() {
        guard let directory else { return }
        if let dir = opendir(directory) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(directory + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(directory)
        Self.directory = nil
    }
}
