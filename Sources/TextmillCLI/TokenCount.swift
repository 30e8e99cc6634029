import ArgumentParser

/// A number of tokens on the command line: `100000`, `100K`, `100M`, `2G` (decimal, as token
/// counts are quoted: "a 100M-token shard").
struct TokenCount: ExpressibleByArgument, Equatable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let units: [(String, Int)] = [("K", 1000), ("M", 1_000_000), ("G", 1_000_000_000)]
        for (suffix, scale) in units where argument.uppercased().hasSuffix(suffix) {
            guard let n = Int(argument.dropLast()), n >= 1, n <= Int.max / scale else { return nil }
            value = n * scale
            return
        }
        guard let n = Int(argument), n >= 1 else { return nil }
        value = n
    }
}
