import ArgumentParser

/// A size on the command line: a plain byte count or one with a KiB/MiB/GiB (or K/M/G) suffix.
struct ByteCount: ExpressibleByArgument, Equatable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000),
            ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
        ]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            guard let n = Int(argument.dropLast(suffix.count)), n >= 0 else { return nil }
            value = n * scale
            return
        }
        guard let n = Int(argument), n >= 0 else { return nil }
        value = n
    }

    var defaultValueDescription: String { value % (1 << 20) == 0 ? "\(value >> 20)MiB" : "\(value)" }
}
