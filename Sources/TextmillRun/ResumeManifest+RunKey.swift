import TextmillConfig

#if canImport(Glibc)
import Glibc
#endif

extension ResumeManifest {
    /// The database run key: the pipeline fingerprint, then a hash of the inputs' identities
    /// (absolute path, size, modification time) and the options that shape records. The same
    /// job gets the same key, so rerunning it finds its rows. Standard input has no identity:
    /// each run reading it gets a key of its own (it can neither be resumed nor skipped).
    var runKey: String {
        var hash = Fingerprint()
        for input in inputs {
            if input.size < 0 {
                hash.add("unidentified \(input.path) \(getpid()) \(UInt64.random(in: 0...UInt64.max))")
            }
            hash.add(input.path)
            hash.add(String(input.size))
            hash.add(String(input.modified))
        }
        for option in options { hash.add(option) }
        return fingerprint + "-" + hash.hex
    }
}
