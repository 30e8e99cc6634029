/// One fuzzed parser and the properties its output must keep on any input.
///
/// The same `check` runs under libFuzzer (`textmill-fuzz`, built by `make fuzz`) and in the
/// corpus replay test (`make test`), so a crash input committed as a regression is checked by
/// exactly the code that found it.
public protocol FuzzTarget {
    /// The name `make fuzz` and the corpus folders use (`Tests/Fixtures/fuzz/corpus/<name>`).
    var name: String { get }
    /// Throws when the input breaks a property; a crash or sanitizer report is a failure too.
    func check(_ input: [UInt8]) throws(PropertyViolation)
}
