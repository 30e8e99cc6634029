import TextmillDocuments

/// One job's share of a processed chunk: its records (without newlines) and, for each record
/// that is an error record, why the document failed (as the worker knew it, not re-read from
/// the record).
struct BatchedRecords: Sendable {
    var lines: [ArraySlice<UInt8>]
    var failures: [DocumentError?]
}
