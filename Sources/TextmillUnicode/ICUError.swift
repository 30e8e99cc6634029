internal import CICU

/// An ICU call failed; carries ICU's own error name (e.g. `U_ILLEGAL_ARGUMENT_ERROR`) and what we were doing.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let name: String
    public let operation: String

    init(_ status: UErrorCode, _ operation: String) {
        self.code = status.rawValue
        self.name = String(cString: textmill_u_errorName(status))
        self.operation = operation
    }

    public var description: String { "\(operation) failed: \(name)" }
}

@inline(__always)
func isFailure(_ status: UErrorCode) -> Bool { status.rawValue > U_ZERO_ERROR.rawValue }

/// Versions of the ICU library actually loaded, for fingerprints and `--version`.
public enum ICUVersion {
    public static var library: String { format(textmill_u_getVersion) }
    public static var unicode: String { format(textmill_u_getUnicodeVersion) }

    private static func format(_ read: (UnsafeMutablePointer<UInt8>) -> Void) -> String {
        var info: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &info) { read($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return info.2 == 0 && info.3 == 0 ? "\(info.0).\(info.1)" : "\(info.0).\(info.1).\(info.2)"
    }
}
