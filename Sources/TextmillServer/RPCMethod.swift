/// The methods the server answers.
package enum RPCMethod: String, CaseIterable {
    case initialize
    case process
    case stats
    case ping
}
