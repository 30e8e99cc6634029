/// One verification thread's view of the `DocumentStore`, with a cache of recently read sets
/// bounded by their total size (a document kept against many near copies is read once).
final class ShingleReader {
    private let reader: DocumentStore.Reader
    private let cacheLimit: Int
    private var cache: [Int: [UInt64]] = [:]
    private var cached = 0

    init(store: DocumentStore, cacheShingles: Int = 4 << 20) {
        reader = DocumentStore.Reader(store)
        cacheLimit = cacheShingles
    }

    func shingles(_ doc: Int) throws(DedupError) -> [UInt64] {
        if let hit = cache[doc] { return hit }
        let set = try reader.shingles(doc)
        if cached + set.count > cacheLimit {
            cache.removeAll(keepingCapacity: true)
            cached = 0
        }
        if set.count <= cacheLimit {
            cache[doc] = set
            cached += set.count
        }
        return set
    }
}
