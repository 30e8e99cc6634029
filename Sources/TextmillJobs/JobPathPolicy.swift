import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// Where jobs may read and write: under `--input-root` and `--output-root` when they are set.
///
/// Paths are made absolute (relative ones are taken from the root, else from the server's
/// directory), and refused when they climb with `..`, are absolute outside the root, or reach
/// outside it through a symlink (checked on the real path of what exists).
public struct JobPathPolicy: Sendable {
    public let inputRoot: String?
    public let outputRoot: String?
    /// The server's directory, for relative paths when no root is set.
    public let workingDirectory: String

    /// Roots are made real paths; a missing root is an error.
    public init(inputRoot: String?, outputRoot: String?) throws(RunFailure) {
        self.inputRoot = try Self.root(inputRoot, "--input-root")
        self.outputRoot = try Self.root(outputRoot, "--output-root")
        workingDirectory = Self.realPath(".") ?? "/"
    }

    private static func root(_ path: String?, _ option: String) throws(RunFailure) -> String? {
        guard let path else { return nil }
        guard let resolved = realPath(path), isDirectory(resolved) else {
            throw RunFailure("\(option) \(path): not an existing directory")
        }
        return resolved
    }

    public var hasRoots: Bool { inputRoot != nil && outputRoot != nil }

    /// An input path or glob, absolute and inside the input root.
    public func input(_ path: String) throws(RunFailure) -> String {
        let absolute = try place(path, root: inputRoot, what: "input")
        if let inputRoot, let real = Self.realPath(absolute), !Self.isInside(real, inputRoot) {
            throw RunFailure("input \(path): leads outside --input-root \(inputRoot) (through a symlink)")
        }
        return absolute
    }

    /// A file the pipeline reads (config, vocabulary, tokenizer, models folder).
    public func readable(_ path: String) throws(RunFailure) -> String { try input(path) }

    /// An input file found by expanding a directory or glob: its real path must stay inside the root.
    public func checkExpanded(_ file: String) throws(RunFailure) {
        guard let inputRoot else { return }
        guard let real = Self.realPath(file), Self.isInside(real, inputRoot) else {
            throw RunFailure("input \(file): leads outside --input-root \(inputRoot)")
        }
    }

    /// An output path, absolute and inside the output root; its directory must exist there and
    /// the path must not be a symlink.
    public func output(_ path: String) throws(RunFailure) -> String {
        let absolute = try place(path, root: outputRoot, what: "output")
        guard let outputRoot else { return absolute }
        var info = stat()
        if lstat(absolute, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            throw RunFailure("output \(path): is a symlink; jobs write only plain paths under --output-root")
        }
        let parent = absolute.lastIndex(of: "/").map { $0 == absolute.startIndex ? "/" : String(absolute[..<$0]) } ?? "/"
        guard let realParent = Self.realPath(parent), Self.isInside(realParent, outputRoot) else {
            throw RunFailure("output \(path): its directory does not exist inside --output-root \(outputRoot)")
        }
        return absolute
    }

    private func place(_ path: String, root: String?, what: String) throws(RunFailure) -> String {
        if path.isEmpty { throw RunFailure("\(what) path is empty") }
        if root != nil && path.split(separator: "/").contains("..") {
            throw RunFailure("\(what) \(path): .. is not allowed in job paths")
        }
        if path.hasPrefix("/") {
            if let root, !Self.isInside(path, root) {
                throw RunFailure("\(what) \(path): outside the \(what == "output" ? "--output-root" : "--input-root") \(root)")
            }
            return path
        }
        return (root ?? workingDirectory) + "/" + path
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
