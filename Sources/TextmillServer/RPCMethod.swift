/// The methods the server answers.
package enum RPCMethod: String, CaseIterable {
    case initialize
    case process
    case stats
    case ping
    /// Token methods (TokenMethodAnswers), when the pipeline has a tokenizer stage.
    case encode
    case decode
    case countTokens = "count_tokens"

    /// Answered by `TokenMethodAnswers` with the server's tokenizer.
    var isTokenMethod: Bool { self == .encode || self == .decode || self == .countTokens }
}
