/// Where a JSON input record keeps its text and id, and which fields to carry to the output.
/// Paths are dotted (`meta.id` looks inside `{"meta": {"id": …}}`).
public struct InputFields: Sendable, Equatable {
    public var textPath: [String]
    public var idPath: [String]
    public var keepPaths: [[String]]

    public init(textField: String = "text", idField: String = "id", keepFields: [String] = []) {
        textPath = textField.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        idPath = idField.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        keepPaths = keepFields.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
    }

    public var textField: String { textPath.joined(separator: ".") }
}
