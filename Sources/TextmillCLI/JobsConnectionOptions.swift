import ArgumentParser
import TextmillJSON
import TextmillPipeline
import TextmillServer

/// `--connect`, `--auth-token-file` and `--json`: how a `jobs` subcommand reaches the server
/// and how it prints the answer.
struct JobsConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The server: unix:PATH, tcp:HOST:PORT or tcp:PORT.", valueName: "address"))
    var connect: String

    @Option(help: "A file holding the server's auth token (TCP servers started with --auth-token-file).")
    var authTokenFile: String?

    @Flag(help: "Print the server's JSON result instead of text.")
    var json = false

    var address: ListenAddress {
        get throws {
            let spelled = connect.hasPrefix("tcp:") && !connect.dropFirst(4).contains(":") ? "tcp:127.0.0.1:" + connect.dropFirst(4) : connect
            do { return try ListenAddress(parsing: spelled) } catch { throw FatalError("--connect \(error)") }
        }
    }

    /// An open connection that sends the token with every request.
    func open() throws -> RPCConnection {
        let connection = try RPCConnection(try address)
        if let authTokenFile {
            let bytes: [UInt8]
            do { bytes = try FileBytes.read(authTokenFile) } catch { throw FatalError("--auth-token-file \(authTokenFile): cannot read it") }
            guard let token = AuthToken(String(decoding: bytes, as: UTF8.self)) else {
                throw FatalError("--auth-token-file \(authTokenFile): the file is empty")
            }
            connection.authToken = token.text
        }
        return connection
    }

    /// Calls `method`, turning the server's error into a one-line fatal error (exit 2).
    func call(_ connection: RPCConnection, _ method: String, _ params: JSONValue) throws -> JSONValue {
        do {
            return try connection.call(method) { $0.value(params) }
        } catch let error as RPCCallError {
            throw FatalError("\(method): \(error.message)")
        }
    }
}
