/// Union-find over document numbers with path halving; the smallest number of each set is its
/// root, so a cluster's root is its first document (the one dedup keeps).
struct DisjointSets {
    private(set) var parent: [Int] = []

    mutating func add() -> Int {
        parent.append(parent.count)
        return parent.count - 1
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra < rb { parent[rb] = ra } else if rb < ra { parent[ra] = rb }
    }
}
