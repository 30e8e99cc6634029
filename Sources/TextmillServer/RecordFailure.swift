import TextmillJSON

/// Why a document failed, as its error record says: `{"error": {"code": …, "message": …}}`.
struct RecordFailure: Sendable, Equatable {
    var code: String
    var message: String

    /// Read from an error record; a record without them (which the record writer never
    /// produces) gives code `error` and an empty message rather than no failure.
    init(errorRecord: ArraySlice<UInt8>) {
        let error = (try? JSONValue.parse(Array(errorRecord)))?["error"]
        code = error?["code"]?.stringValue ?? "error"
        message = error?["message"]?.stringValue ?? ""
    }
}
