/// Why one document produced no record; written as an error record in its place.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable code.
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The error codes textmill writes; documented in the README's output schema.
    public enum Code: String, Sendable, CaseIterable {
        case invalidJSON = "invalid_json"
        case notAnObject = "not_an_object"
        case missingText = "missing_text"
        case textNotString = "text_not_string"
        case invalidUTF8 = "invalid_utf8"
        case documentTooLarge = "document_too_large"
        case binaryContent = "binary_content"
        case malformedRecord = "malformed_record"
        /// Not well-formed XML, or an entity bomb refused by libxml2.
        case invalidXML = "invalid_xml"
        /// The rest of an input could not be read (truncated or corrupt gzip, an I/O error).
        case unreadableInput = "unreadable_input"
        case pipelineError = "pipeline_error"
        case workerCrashed = "worker_crashed"
        case timeout = "timeout"
    }
}
