/// The methods a server answers, found by name; the order is the one `initialize` lists them in.
package struct RPCMethodTable: Sendable {
    package let methods: [any RPCMethodHandler]
    private let byName: [String: Int]

    /// Every built-in method, once.
    package static let standard = RPCMethodTable([
        InitializeMethod(), ProcessMethod(), StatsMethod(), PingMethod(),
        EncodeMethod(), DecodeMethod(), CountTokensMethod(),
    ])

    package init(_ methods: [any RPCMethodHandler]) {
        var byName: [String: Int] = [:]
        for (position, method) in methods.enumerated() {
            precondition(byName.updateValue(position, forKey: method.name) == nil, "method \(method.name) is in the table twice")
        }
        self.methods = methods
        self.byName = byName
    }

    /// This table followed by `more` (a server's extra methods, such as jobs).
    package func adding(_ more: [any RPCMethodHandler]) -> RPCMethodTable {
        more.isEmpty ? self : RPCMethodTable(methods + more)
    }

    package subscript(name: String) -> (any RPCMethodHandler)? {
        byName[name].map { methods[$0] }
    }

    package var names: [String] { methods.map(\.name) }
}
