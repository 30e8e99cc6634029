/// One job's share of a processed chunk: its records (without newlines) and, for each record
/// that is an error record, the error's code and message.
struct BatchedRecords: Sendable {
    var lines: [ArraySlice<UInt8>]
    var failures: [RecordFailure?]
}
