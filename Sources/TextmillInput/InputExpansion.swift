#if canImport(Glibc)
import Glibc
#endif

/// Turns the paths a user gave into the files to read, in order: `-` (standard input) and
/// files as given, directories walked recursively (hidden entries skipped, entries sorted,
/// symbolic links to directories not followed, so a link loop cannot trap the walk), and
/// patterns with `*`, `?` or `[` expanded with glob(3) when no file has that name.
public enum InputExpansion {
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var info = stat()
            if stat(path, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    let found = walk(path)
                    if found.isEmpty { throw InputError(path, "directory holds no input files") }
                    files += found
                } else {
                    files.append(path)
                }
                continue
            }
            let reason = String(cString: strerror(errno))
            guard path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else {
                throw InputError(path, "cannot open: \(reason)")
            }
            let matches = glob(path)
            if matches.isEmpty { throw InputError(path, "no files match this pattern") }
            for match in matches {
                var info = stat()
                if stat(match, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { files += walk(match) } else { files.append(match) }
            }
        }
        return files
    }

    /// The summed size of `files` when all are regular files (progress), nil otherwise.
    public static func totalSize(_ files: [String]) -> Int? {
        var total = 0
        for file in files {
            var info = stat()
            guard file != "-", stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int(info.st_size)
        }
        return total
    }

    private static func walk(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(handle)
        var files: [String] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            switch link.st_mode & S_IFMT {
            case S_IFDIR:
                files += walk(path)
            case S_IFREG:
                files.append(path)
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG { files.append(path) }
            default:
                continue
            }
        }
        return files
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
