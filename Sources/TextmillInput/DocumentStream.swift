import TextmillDocuments

/// All inputs (files, directories, globs, `-`), in order, as one stream of documents: the
/// single entry point the run loop reads from.
///
/// Each file is opened when the previous one is finished. gzip is recognised by its magic
/// bytes (any name, stdin too), the format by `--format`, else the extension, else the first
/// bytes. A file that cannot be opened, or an option a file cannot satisfy (a CSV header
/// without the text column), throws a fatal `InputError`; a file whose rest cannot be read
/// (truncated gzip) gives one `unreadable_input` record and the stream goes on with the next
/// file, keeping every document read before.
public final class DocumentStream: DocumentReader {
    /// The expanded input files, in reading order ("-" is standard input).
    public let files: [String]
    public let options: InputOptions
    /// The summed size of the input files when all are regular files (progress %, ETA); nil with stdin.
    public let totalBytes: Int?

    private var nextFile = 0
    private var current: (any FileDocumentReader)?
    private var currentPath = ""
    private var currentFile: FileByteSource?
    private let counter = CountingByteSource.Counter()

    /// Expands `paths` and checks `options`; errors name the path or the option.
    public init(paths: [String], options: InputOptions) throws(InputError) {
        try options.validate()
        guard !paths.isEmpty else { throw InputError("input", "no inputs given") }
        self.files = try InputExpansion.expand(paths)
        self.options = options
        self.totalBytes = InputExpansion.totalSize(files)
    }

    deinit { currentFile?.close() }

    /// Input bytes consumed so far (compressed bytes for gzip files).
    public var bytesRead: Int { counter.count }

    /// The file being read now (for progress messages).
    public var currentInput: String? { current == nil ? nil : currentPath }

    public func next() throws(InputError) -> InputDocument? {
        while true {
            if current == nil {
                guard nextFile < files.count else { return nil }
                let path = files[nextFile]
                nextFile += 1
                do {
                    if let early = try open(path) { return early }
                } catch where error.kind == .readFailure {
                    closeCurrent()
                    return unreadable(error, path: path, line: 0)
                }
                continue
            }
            do {
                if let document = try current!.next() { return document }
                closeCurrent()
            } catch where error.kind == .readFailure {
                let line = current?.currentLine ?? 0
                closeCurrent()
                return unreadable(error, path: currentPath, line: line)
            }
        }
    }

    /// Whole JSONL lines of the current file that are already buffered; `.unavailable` between
    /// files and for other formats.
    public func nextLineRun(maxDocuments: Int, minBytes: Int, maxBytes: Int, mayExceed: Bool) throws(InputError) -> LineRunStep {
        guard current != nil else { return .unavailable }
        return try current!.nextLineRun(maxDocuments: maxDocuments, minBytes: minBytes, maxBytes: maxBytes, mayExceed: mayExceed)
    }

    private func unreadable(_ error: InputError, path: String, line: Int) -> InputDocument {
        let after = line > 0 ? " after line \(line)" : ""
        return InputDocument(
            locator: DocumentLocator(source: path, line: line + 1),
            payload: .unreadable(
                DocumentError(.unreadableInput, "\(error.message)\(after); the documents before it were kept")))
    }

    private func closeCurrent() {
        current = nil
        currentFile?.close()
        currentFile = nil
    }

    /// Opens `path` and sets `current`; returns a document to emit at once for a file that is
    /// reported as a whole (binary content).
    private func open(_ path: String) throws(InputError) -> InputDocument? {
        let file = try FileByteSource(path: path)
        currentFile = file
        currentPath = path
        var peeked = try PeekedByteSource(AnyByteSource(CountingByteSource(base: file, counter: counter)))
        if peeked.head.starts(with: [0x1F, 0x8B]) {
            peeked = try PeekedByteSource(AnyByteSource(try GzipByteSource(AnyByteSource(peeked))))
        }
        let format = InputFormat.resolve(options.format, path: path, head: peeked.head)
        if peeked.head.isEmpty {
            // Empty, or failed before its first byte (a gzip file cut before any output): one
            // more read throws that failure instead of passing the file off as empty.
            var probe: UInt8 = 0
            _ = try withUnsafeMutableBytes(of: &probe) { (byte) throws(InputError) in try peeked.read(into: byte) }
            closeCurrent()
            return nil
        }
        if format == .text || format == .csv || format == .tsv, peeked.head.contains(0) {
            closeCurrent()
            return InputDocument(
                locator: DocumentLocator(source: path, line: 1),
                payload: .unreadable(
                    DocumentError(
                        .binaryContent,
                        "file holds NUL bytes (binary data?); not read as \(format.rawValue) (choose another with --format)")))
        }
        switch format {
        case .jsonl, .auto:
            peeked.skipByteOrderMark()
            current = JSONLReader(AnyByteSource(peeked), maxDocBytes: options.maxDocBytes)
        case .text:
            peeked.skipByteOrderMark()
            current = TextDocumentReader(
                AnyByteSource(peeked), path: path, split: options.split, maxDocBytes: options.maxDocBytes)
        case .csv, .tsv:
            peeked.skipByteOrderMark()
            current = CSVDocumentReader(
                AnyByteSource(peeked), path: path, separator: format == .csv ? UInt8(ascii: ",") : 0x09, options: options)
        case .xml:
            current = try XMLDocumentReader(AnyByteSource(peeked), path: path, options: options)
        case .html:
            current = try HTMLDocumentReader(AnyByteSource(peeked), path: path, options: options)
        }
        return nil
    }
}
