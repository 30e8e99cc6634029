/// The processor broke the one-line-per-document contract; reported to clients as an internal error.
struct BatcherError: Error, CustomStringConvertible {
    let description: String
}
