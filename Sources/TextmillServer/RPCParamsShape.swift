/// How the request parser reads a method's `params` member.
package enum RPCParamsShape: Sendable {
    /// Parsed into `RPCRequest.params` when present (a missing member leaves nil).
    case value
    /// `process`'s documents: `{"text": …}` along the text path, or `{"texts": [...]}`, cut out
    /// of the line as the client's own bytes into `RPCRequest.documents`; required.
    case documents
}
