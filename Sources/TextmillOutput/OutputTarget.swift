#if canImport(Glibc)
import Glibc
#endif

/// What an output path names, decided before anything is written.
///
/// Files are written under a temporary name and renamed into place, with sidecars such as
/// `.meta.json` beside them. That is only right for a regular file or a new name: renaming over
/// `/dev/null` (as root) would turn the machine's null device into a regular file. Anything
/// else is opened and written directly, and gets no sidecars and no `--resume`.
public enum OutputTarget: Equatable, Sendable {
    /// "-".
    case standardOutput
    /// A regular file, or a name that does not exist yet.
    case file
    /// A character or block device, a FIFO, a socket, anything under /dev or /proc (such as
    /// `/dev/stdout`, whose target depends on the process), or a symlink to one of those.
    case special

    public init(path: String) {
        if path == "-" {
            self = .standardOutput
            return
        }
        if Self.isSystemPath(path) {
            self = .special
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A new name (or one we cannot see): the temporary file and the rename decide.
            self = .file
            return
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            self = .special
            return
        }
        // A symlink to a regular file under /dev or /proc (e.g. /dev/stdout redirected to a file).
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            if Self.isSystemPath(String(cString: resolved)) {
                self = .special
                return
            }
        }
        self = .file
    }

    /// True for a regular file or new name: the only target that is renamed into place and
    /// gets sidecar files.
    public var isRegularFile: Bool { self == .file }

    private static func isSystemPath(_ path: String) -> Bool {
        path.hasPrefix("/dev/") || path.hasPrefix("/proc/") || path == "/dev" || path == "/proc"
    }
}
