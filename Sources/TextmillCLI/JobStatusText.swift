import TextmillJSON
import TextmillRun

/// A job's status (the server's JSON) as one line of text, and as a progress bar.
enum JobStatusText {
    /// `job-… running 1234 docs (5 failed) 12.3 MB 4.1 MB/s 45% ETA 0:12 → /out.jsonl`.
    static func line(_ job: JSONValue) -> String {
        var parts = [job["job_id"]?.stringValue ?? "?", job["state"]?.stringValue ?? "?"]
        let documents = job["documents"]?.intValue ?? 0
        let failed = job["documents_failed"]?.intValue ?? 0
        parts.append("\(documents) docs" + (failed > 0 ? " (\(failed) failed)" : ""))
        parts.append("\(format(Double(job["bytes_read"]?.intValue ?? 0) / 1e6)) MB")
        if job["state"]?.stringValue == "running" {
            parts.append("\(format(job["mb_per_second"]?.doubleValue ?? 0)) MB/s")
            if let percent = percent(job) { parts.append("\(percent)%") }
            if let eta = job["eta_seconds"]?.doubleValue { parts.append("ETA " + clock(Int(eta))) }
        }
        if let restarts = job["worker_restarts"]?.intValue, restarts > 0 { parts.append("\(restarts) worker restarts") }
        if let outputs = job["outputs"]?.arrayValue, !outputs.isEmpty {
            parts.append("→ " + outputs.compactMap(\.stringValue).joined(separator: ", "))
        }
        if let error = job["error"]?.stringValue { parts.append("error: " + error) }
        return parts.joined(separator: " ")
    }

    /// `[#########...........]  45% job-… 1234 docs 4.1 MB/s ETA 0:12`, for redrawing in place.
    static func bar(_ job: JSONValue, width: Int = 24) -> String {
        let fraction = Double(percent(job) ?? 0) / 100
        let filled = Int((fraction * Double(width)).rounded())
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        var text = "\(bar) \(percent(job).map { "\($0)%" } ?? "  ?%") \(job["job_id"]?.stringValue ?? "") \(job["state"]?.stringValue ?? "")"
        text += " \(job["documents"]?.intValue ?? 0) docs \(format(job["mb_per_second"]?.doubleValue ?? 0)) MB/s"
        if let eta = job["eta_seconds"]?.doubleValue { text += " ETA " + clock(Int(eta)) }
        return text
    }

    static func percent(_ job: JSONValue) -> Int? {
        guard let total = job["total_bytes"]?.intValue, total > 0 else { return nil }
        if job["state"]?.stringValue == "succeeded" { return 100 }
        return min(100, Int(Double(job["bytes_read"]?.intValue ?? 0) / Double(total) * 100))
    }

    static func clock(_ seconds: Int) -> String {
        "\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
    }

    /// `wait`'s exit status for a job that ended: 0 succeeded, 1 with failed documents, 2 otherwise.
    static func exitStatus(_ job: JSONValue) -> ExitStatus {
        switch job["state"]?.stringValue {
        case "succeeded": (job["documents_failed"]?.intValue ?? 0) > 0 ? .someDocumentsFailed : .ok
        default: .usage
        }
    }
}
