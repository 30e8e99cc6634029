import TextmillJSON

/// `utf8`: raw UTF-8 → UTF-16 (the readers' extracted text) against the standard library's
/// decoder, which replaces each maximal invalid subsequence with one U+FFFD too; the
/// substitution count must be the number of U+FFFD that were not in the input.
public struct UTF8TranscodingTarget: FuzzTarget {
    public let name = "utf8"

    public init() {}

    public func check(_ input: [UInt8]) throws(PropertyViolation) {
        var units: [UInt16] = [0x41]  // appends: what is already there must stay
        let replaced = input.withUnsafeBufferPointer { UTF8Transcoding.appendUTF16(of: $0, to: &units) }
        try PropertyViolation.require(units.first == 0x41, "appendUTF16 changed the units before it")
        let (expected, expectedReplaced) = ReferenceStringDecoder.decode(input, escapes: false)
        let got = Array(units.dropFirst())
        try PropertyViolation.require(got == expected, "appendUTF16 gave \(hex(got)), the standard library \(hex(expected))")
        try PropertyViolation.require(
            replaced == expectedReplaced, "appendUTF16 counted \(replaced) substitutions, the standard library \(expectedReplaced)")
    }
}
