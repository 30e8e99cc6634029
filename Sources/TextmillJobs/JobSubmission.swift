import TextmillInput
import TextmillJSON
import TextmillRun

#if canImport(Glibc)
import Glibc
#endif

/// A `job.submit` checked as far as it can be without reading the inputs: the params parse,
/// every path is placed under its root, the options pass `run`'s validation, the pipeline loads,
/// every input file is readable, and the output does not exist yet (unless `resume`).
struct JobSubmission {
    let params: JobParams
    /// The params to store: as given, with every path replaced by its absolute, checked form.
    let storedParams: JSONValue

    init(_ raw: JSONValue?, paths: JobPathPolicy) throws(RunFailure) {
        var params = try JobParams(raw)
        var request = params.request
        var stored = raw?.objectValue ?? []
        func store(_ key: String, _ value: JSONValue) {
            if let i = stored.firstIndex(where: { $0.key == key }) { stored[i].value = value }
        }

        var inputs: [String] = []
        for input in request.inputs { inputs.append(try paths.input(input)) }
        request.inputs = inputs
        store("inputs", .array(inputs.map { .string($0) }))
        for key in ["config", "vocab", "tokenizer", "models"] {
            let current: String?
            switch key {
            case "config": current = request.pipeline.config
            case "vocab": current = request.pipeline.vocab
            case "tokenizer": current = request.pipeline.tokenizer
            default: current = request.pipeline.models
            }
            guard let current else { continue }
            let placed = try paths.readable(current)
            switch key {
            case "config": request.pipeline.config = placed
            case "vocab": request.pipeline.vocab = placed
            case "tokenizer": request.pipeline.tokenizer = placed
            default: request.pipeline.models = placed
            }
            store(key, .string(placed))
        }
        if let output = request.output, request.outputTarget.isRegularFile || paths.outputRoot != nil {
            request.output = try paths.output(output)
            store("output", .string(request.output!))
        }
        if let outputDir = request.outputDir {
            request.outputDir = try paths.output(outputDir)
            store("output_dir", .string(request.outputDir!))
        }
        if let errors = request.errors {
            request.errors = try paths.output(errors)
            store("errors", .string(request.errors!))
        }
        if let rejected = request.rejected {
            request.rejected = try paths.output(rejected)
            store("rejected", .string(request.rejected!))
        }
        if let sink = request.sink {
            if sink.hasPrefix("sqlite:") {
                request.sink = "sqlite:" + (try paths.output(String(sink.dropFirst("sqlite:".count))))
                store("sink", .string(request.sink!))
            } else if paths.outputRoot != nil {
                throw RunFailure("sink \(sink): with --output-root, jobs write only files under it (sqlite:PATH)")
            }
        }

        try request.validate()
        _ = try request.pipeline.load()
        let files: [String]
        do { files = try InputExpansion.expand(request.inputs) } catch { throw RunFailure("input error: \(error)", kind: .input) }
        for file in files {
            try paths.checkExpanded(file)
            guard access(file, R_OK) == 0 else {
                throw RunFailure("input \(file): cannot be read: \(String(cString: strerror(errno)))", kind: .input)
            }
        }
        if !request.resume {
            for path in [request.output, request.errors, request.rejected].compactMap({ $0 }) where Self.exists(path) && request.outputTarget.isRegularFile {
                throw RunFailure("output \(path) exists; remove it, or submit with \"resume\": true to continue its interrupted run")
            }
            if let outputDir = request.outputDir, Self.holdsFiles(outputDir) {
                throw RunFailure("output_dir \(outputDir) exists and is not empty; remove it, or submit with \"resume\": true to continue its interrupted run")
            }
        }
        params.request = request
        self.params = params
        storedParams = .object(stored)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func holdsFiles(_ directory: String) -> Bool {
        guard let dir = opendir(directory) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return true }
        }
        return false
    }
}
