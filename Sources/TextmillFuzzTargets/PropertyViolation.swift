/// A property of a fuzz target that an input broke: what was expected and what happened.
public struct PropertyViolation: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Throws unless `condition` holds; `message` is built only on failure.
    @inline(__always)
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(PropertyViolation) {
        if !condition { throw PropertyViolation(message()) }
    }
}
