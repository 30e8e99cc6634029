/// A generated corpus with planted duplicates and near misses, and its exact ground truth: a
/// document is a duplicate when its word 5-gram set has Jaccard similarity ≥ 0.8 with some
/// earlier document. The same recipe as `bench/dedup/make_corpus.py`, on a smaller scale.
struct PlantedDuplicateCorpus {
    var documents: [String] = []
    /// What each document was made as (for messages): base, exact, edit, swap, boilerplate, near_miss.
    var kinds: [String] = []

    private var state: UInt64

    init(bases: Int, seed: UInt64 = 18) {
        state = seed
        let vocabulary = (0..<3000).map { _ in word() }
        var baseSentences: [[[String]]] = []
        for _ in 0..<bases {
            var sentences: [[String]] = []
            for _ in 0..<(8 + next(8)) { sentences.append((0..<(8 + next(8))).map { _ in vocabulary[next(vocabulary.count)] }) }
            baseSentences.append(sentences)
            add(sentences, "base")
            // After each base, sometimes a variant of a random earlier base.
            for _ in 0..<next(3) {
                var v = baseSentences[next(baseSentences.count)]
                let kind = ["exact", "edit", "swap", "boilerplate", "near_miss", "near_miss"][next(6)]
                switch kind {
                case "edit":
                    for _ in 0..<(1 + next(3)) {
                        let s = next(v.count)
                        v[s][next(v[s].count)] = vocabulary[next(vocabulary.count)]
                    }
                case "swap":
                    let a = next(v.count), b = next(v.count)
                    v.swapAt(a, b)
                case "boilerplate":
                    v.append(["subscribe", "to", "our", "newsletter", "for", "more", "stories", "like", "this"])
                case "near_miss":
                    // About a third of the words replaced: well under 0.8 of shared 5-grams.
                    for s in v.indices {
                        for w in v[s].indices where next(3) == 0 { v[s][w] = vocabulary[next(vocabulary.count)] }
                    }
                default: break
                }
                add(v, kind)
            }
        }
    }

    private mutating func add(_ sentences: [[String]], _ kind: String) {
        documents.append(sentences.map { s in s.joined(separator: " ").capitalizedFirst + "." }.joined(separator: " "))
        kinds.append(kind)
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func word() -> String {
        let syllables = ["ka", "to", "ri", "mu", "sen", "la", "do", "vi", "ne", "por", "st", "ia", "el", "un", "qua", "be"]
        return (0..<(1 + next(3))).map { _ in syllables[next(syllables.count)] }.joined()
    }

    /// Word 5-gram sets (lower-case letter runs as words), as sets of strings.
    static func shingles(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard words.count >= 5 else { return [words.joined(separator: " ")] }
        return Set((0...(words.count - 5)).map { words[$0..<($0 + 5)].joined(separator: " ") })
    }

    /// Indices of the documents that have Jaccard ≥ `threshold` with an earlier one.
    func groundTruth(threshold: Double = 0.8) -> Set<Int> {
        let sets = documents.map(Self.shingles)
        var truth = Set<Int>()
        for j in sets.indices {
            for i in 0..<j {
                let common = sets[i].intersection(sets[j]).count
                if Double(common) / Double(sets[i].count + sets[j].count - common) >= threshold {
                    truth.insert(j)
                    break
                }
            }
        }
        return truth
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
