/// A config that cannot be used, naming the exact field (`stages[2].form`) and what is allowed.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let field: String
    public let message: String

    public init(file: String, field: String, _ message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }
}
