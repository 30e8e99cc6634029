import TextmillPipeline
import TextmillConfig
import TextmillJSON
import TextmillOutput

#if canImport(Glibc)
import Glibc
#endif

/// `OUTPUT.resume.json`: what a run that did not finish was doing, so `--resume` can continue it
/// and refuse when anything that shapes the output has changed.
///
/// Written when a run to a file starts and again when it stops early; removed when it completes.
/// How far the run got is read from the partial output itself (its complete lines, one per
/// document), which stays right even when the coordinator was killed with SIGKILL.
struct ResumeManifest: Equatable {
    struct InputIdentity: Equatable {
        var path: String
        var size: Int
        var modified: Int
    }

    var fingerprint: String
    var inputs: [InputIdentity]
    /// Options outside the pipeline config that change records (fields, formats).
    var options: [String]
    var documentsDone: Int
    var chunksDone: Int
    var inputBytesDone: Int

    static func path(for output: String) -> String { output + ".resume.json" }

    /// The identity of each input as it is now: its absolute path (so `in.jsonl` and
    /// `/data/in.jsonl` are the same input), size and modification time.
    static func identify(_ inputs: [String]) -> [InputIdentity] {
        inputs.map { given in
            var path = given
            if let resolved = realpath(given, nil) {
                path = String(cString: resolved)
                free(resolved)
            }
            var info = stat()
            guard stat(path, &info) == 0 else { return InputIdentity(path: path, size: -1, modified: -1) }
            let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
            return InputIdentity(path: path, size: Int(info.st_size), modified: modified)
        }
    }

    var json: [UInt8] {
        let value = JSONValue.object([
            ("version", .number(1, literal: "1")),
            ("fingerprint", .string(fingerprint)),
            ("inputs", .array(inputs.map {
                .object([
                    ("path", .string($0.path)), ("size", .number(Double($0.size), literal: "\($0.size)")),
                    ("modified_ns", .number(Double($0.modified), literal: "\($0.modified)")),
                ])
            })),
            ("options", .array(options.map { .string($0) })),
            ("documents_done", .number(Double(documentsDone), literal: "\(documentsDone)")),
            ("chunks_done", .number(Double(chunksDone), literal: "\(chunksDone)")),
            ("input_bytes_done", .number(Double(inputBytesDone), literal: "\(inputBytesDone)")),
        ])
        return Array((value.jsonText + "\n").utf8)
    }

    static func load(_ path: String) throws -> ResumeManifest {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw RunFailure("cannot resume: \(path) not found (was the run started with this output?)")
        }
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch { throw RunFailure("cannot resume: \(path) is not valid JSON") }
        guard root["version"]?.intValue == 1, let fingerprint = root["fingerprint"]?.stringValue,
            let inputs = root["inputs"]?.arrayValue, let options = root["options"]?.arrayValue
        else { throw RunFailure("cannot resume: \(path) is not a textmill resume manifest") }
        return ResumeManifest(
            fingerprint: fingerprint,
            inputs: inputs.map {
                InputIdentity(
                    path: $0["path"]?.stringValue ?? "", size: $0["size"]?.intValue ?? -2,
                    modified: $0["modified_ns"].flatMap { Int($0.jsonText) } ?? -2)
            },
            options: options.compactMap(\.stringValue),
            documentsDone: root["documents_done"]?.intValue ?? 0, chunksDone: root["chunks_done"]?.intValue ?? 0,
            inputBytesDone: root["input_bytes_done"]?.intValue ?? 0)
    }

    func write(to path: String) throws {
        let temporary = path + ".tmp"
        try SmallFile.write(temporary, json)
        guard rename(temporary, path) == 0 else { throw RunFailure("\(path): cannot write the resume manifest") }
    }

    /// Why this earlier run cannot be continued by `current`, or nil when it can.
    func refusal(toContinueAs current: ResumeManifest) -> String? {
        if fingerprint != current.fingerprint {
            return "the pipeline changed (fingerprint \(current.fingerprint), the interrupted run used \(fingerprint))"
        }
        if inputs.map(\.path) != current.inputs.map(\.path) {
            return "the inputs differ (the interrupted run read \(inputs.map(\.path).joined(separator: " ")))"
        }
        for (old, new) in zip(inputs, current.inputs) where old != new {
            return "input \(new.path) changed since the interrupted run (size or modification time)"
        }
        if options != current.options {
            return "the options differ (the interrupted run used \(options.joined(separator: " ")))"
        }
        return nil
    }
}
