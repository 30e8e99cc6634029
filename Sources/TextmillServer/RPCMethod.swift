/// The methods the server answers.
enum RPCMethod: String, CaseIterable {
    case initialize
    case process
    case stats
    case ping
}
