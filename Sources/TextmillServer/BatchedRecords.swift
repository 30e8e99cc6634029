/// One job's share of a processed chunk: its records (without newlines) and which are error records.
struct BatchedRecords: Sendable {
    var lines: [ArraySlice<UInt8>]
    var failed: [Bool]
}
