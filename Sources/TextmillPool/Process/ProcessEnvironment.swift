#if canImport(Glibc)
import Glibc
#endif

/// This process's environment and executable, for starting workers as copies of itself.
public enum ProcessEnvironment {
    public static func current() -> [String] {
        var result: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            result.append(String(cString: pointer))
            entry += 1
        }
        return result
    }

    /// This process's environment for a worker: Swift's crash backtraces are off unless
    /// `SWIFT_BACKTRACE` is set, because the coordinator reports each crash itself, and a
    /// document that kills workers would otherwise print a dozen multi-page reports while it
    /// is being isolated.
    public static func workerDefault() -> [String] {
        var environment = current()
        if !environment.contains(where: { $0.hasPrefix("SWIFT_BACKTRACE=") }) {
            environment.append("SWIFT_BACKTRACE=enable=no")
        }
        return environment
    }

    /// The absolute path of the running executable (`/proc/self/exe` resolved).
    public static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Online cores (the default worker count).
    public static func availableCores() -> Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
