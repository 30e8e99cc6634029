import TextmillConfig
import TextmillJSON
import TextmillPipeline
import TextmillPool
import TextmillUnicode

/// What a run did: the stderr summary line, `--stats` JSON and the output's `.meta.json`.
public struct RunSummary: Sendable {
    /// The textmill version written into the metadata.
    public let version: String
    public let config: PipelineConfig
    public let inputs: [String]
    public let output: String
    public let stats: ProcessingStats
    public let bytesIn: Int
    public let bytesOut: Int
    public let seconds: Double
    /// Worker processes (0: processed in this process).
    public var workers = 0
    public var pool: WorkerPoolStatistics?
    /// Documents already in the output when this run resumed it.
    public var resumedAfter = 0
    public var interrupted = false
    /// Documents a filter stage dropped, per reason (a document with two reasons counts twice).
    public var rejectedByReason: [String: Int] = [:]

    public var documents: Int { stats.documentsOK + stats.documentsFailed }

    public var line: String {
        let mb = Double(bytesIn) / 1e6
        let rate = seconds > 0 ? mb / seconds : 0
        var line = "\(documents) documents: \(stats.documentsOK) ok, \(stats.documentsFailed) failed; "
            + "\(format(mb)) MB in, \(format(Double(bytesOut) / 1e6)) MB out in \(format(seconds)) s "
            + "(\(format(rate)) MB/s, \(Int(seconds > 0 ? Double(documents) / seconds : 0)) docs/s); "
        if stats.documentsRejected > 0 || !rejectedByReason.isEmpty {
            let reasons = rejectedByReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            line += "\(stats.documentsRejected) rejected (" + reasons.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "); "
        }
        line += workers == 0 ? "in-process; " : "\(workers) workers; "
        if let pool, pool.retriedChunks + pool.workerRestarts > 0 {
            line += "\(pool.retriedChunks) chunks retried, \(pool.workerRestarts) worker restarts; "
        }
        if resumedAfter > 0 { line += "resumed after \(resumedAfter) documents; " }
        return line + "pipeline \(config.name) \(config.fingerprint)"
    }

    public var statsJSON: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("documents"); w.int(documents); w.comma()
        w.key("documents_ok"); w.int(stats.documentsOK); w.comma()
        w.key("documents_failed"); w.int(stats.documentsFailed); w.comma()
        w.key("invalid_utf8_replaced"); w.int(stats.invalidSequencesReplaced); w.comma()
        w.key("documents_rejected"); w.int(stats.documentsRejected); w.comma()
        w.key("rejected_by_reason"); w.beginObject()
        for (i, entry) in rejectedByReason.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { w.comma() }
            w.key(entry.key); w.int(entry.value)
        }
        w.endObject(); w.comma()
        w.key("bytes_in"); w.int(bytesIn); w.comma()
        w.key("bytes_out"); w.int(bytesOut); w.comma()
        w.key("seconds"); w.double(seconds); w.comma()
        w.key("documents_per_second"); w.double(seconds > 0 ? Double(documents) / seconds : 0); w.comma()
        w.key("mb_per_second"); w.double(seconds > 0 ? Double(bytesIn) / 1e6 / seconds : 0); w.comma()
        w.key("workers"); w.int(workers); w.comma()
        w.key("chunks_retried"); w.int(pool?.retriedChunks ?? 0); w.comma()
        w.key("worker_restarts"); w.int(pool?.workerRestarts ?? 0); w.comma()
        w.key("worker_crashes"); w.int(pool?.workerCrashes ?? 0); w.comma()
        w.key("worker_timeouts"); w.int(pool?.workerTimeouts ?? 0); w.comma()
        w.key("documents_isolated"); w.int(pool?.isolatedDocuments ?? 0); w.comma()
        w.key("resumed_after"); w.int(resumedAfter); w.comma()
        w.key("interrupted"); w.bool(interrupted); w.comma()
        w.key("pipeline"); w.string(config.name); w.comma()
        w.key("fingerprint"); w.string(config.fingerprint)
        w.endObject()
        w.newline()
        return w.bytes
    }

    public var metadataJSON: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("textmill"); w.string(version); w.comma()
        w.key("pipeline"); w.string(config.name); w.comma()
        w.key("config_path"); w.string(config.path); w.comma()
        w.key("fingerprint"); w.string(config.fingerprint); w.comma()
        w.key("icu"); w.string(ICUVersion.library); w.comma()
        w.key("unicode"); w.string(ICUVersion.unicode); w.comma()
        w.key("inputs"); w.value(.array(inputs.map { .string($0) })); w.comma()
        w.key("documents"); w.int(documents); w.comma()
        w.key("documents_failed"); w.int(stats.documentsFailed); w.comma()
        w.key("resolved_config"); w.value(config.resolved)
        w.endObject()
        w.newline()
        return w.bytes
    }
}

public func format(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return "\(scaled)"
}
