import TextmillPipeline

/// What dedup needs from one processed document: the hash of its text as the pipeline left it
/// (exact duplicates), its word n-gram set (words: tokens other than white space and
/// punctuation) and the MinHash signature. The worker task and the `minhash` stage both compute
/// it here, so `textmill dedup` and signatures made by `run` (under Spark) agree bit for bit.
struct DedupFeatures {
    let exactHash: UInt64
    let shingles: [UInt64]
    let signature: [UInt64]

    init(_ analysis: Analysis, hasher: MinHasher) {
        var words: [[UInt8]] = []
        words.reserveCapacity(analysis.tokens.count)
        for token in analysis.tokens where token.type != .whitespace && token.type != .punctuation {
            words.append(Array(analysis.string(of: token).utf8))
        }
        shingles = hasher.shingles(words)
        exactHash = analysis.text.units.withUnsafeBufferPointer { units in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for unit in units { h = (h ^ UInt64(unit)) &* 0x100_0000_01B3 }
            return MinHasher.mix(h)
        }
        signature = hasher.signature(shingles)
    }
}
