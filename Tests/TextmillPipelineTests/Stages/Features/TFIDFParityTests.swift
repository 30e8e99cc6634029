import Testing
import TextmillJSON
import TextmillPipeline
import TextmillTestSupport

/// `tfidf` against scikit-learn's `TfidfVectorizer(smooth_idf=True, norm="l2")` fitted on the
/// same feature lists (fixtures from scripts/parity/make_tfidf.py).
@Suite struct TFIDFParityTests {
    static let vocabulary = try! TermVocabulary(bytes: Fixtures.read(Fixtures.path("Tests/Fixtures/parity/tfidf-vocab.tsv")))

    static let features: [Int: [String]] = {
        var out: [Int: [String]] = [:]
        for line in try! FeatureTesting.parity("hashing.jsonl") { out[line["id"]!.intValue!] = line["features"]!.strings }
        return out
    }()

    @Test func vocabularyFileParses() {
        let v = Self.vocabulary
        #expect(v.documents == 211 && v.fingerprint == "parity" && v.count == 1085)
        #expect(v.terms.find(Array("e".utf8)) == 0 && v.counts[0] == 72 && v.documentFrequencies[0] == 12)
        #expect(v.terms.find(Array("e e".utf8)) == 1)
        #expect(v.terms.find(Array("not a term".utf8)) == nil)
    }

    @Test func idfEqualsScikitLearnBitForBit() throws {
        let stage = TFIDFFeaturizer(vocabulary: Self.vocabulary)
        let lines = try FeatureTesting.parity("tfidf-idf.jsonl")
        #expect(lines.count == 1085)
        for line in lines {
            let row = line["row"]!.intValue!
            #expect(Self.vocabulary.terms.find(Array(line["term"]!.stringValue!.utf8)) == row)
            #expect(stage.idf[row].bitPattern == line["idf"]!.doubleValue!.bitPattern, "row \(row)")
        }
    }

    @Test func vectorsEqualTfidfVectorizerBitForBit() throws {
        let plain = TFIDFFeaturizer(vocabulary: Self.vocabulary)
        let sublinear = TFIDFFeaturizer(vocabulary: Self.vocabulary, sublinearTF: true)
        let lines = try FeatureTesting.parity("tfidf.jsonl")
        #expect(lines.count == 422)
        for line in lines {
            let id = line["id"]!.intValue!
            let analysis = FeatureTesting.analysis(terms: Self.features[id]!)
            try FeatureTesting.run(line["sublinear_tf"]!.boolValue! ? sublinear : plain, on: analysis)
            #expect(analysis.feature(named: "indices")?.intsValue == line["indices"]!.ints, "id \(id)")
            #expect(analysis.feature(named: "values")?.doublesValue?.map(\.bitPattern)
                == line["values"]!.doubles.map(\.bitPattern), "id \(id) sublinear \(line["sublinear_tf"]!.jsonText)")
        }
    }

    @Test func malformedVocabularyFilesNameTheLine() {
        func error(_ text: String) -> String? {
            do {
                _ = try TermVocabulary(bytes: Array(text.utf8))
                return nil
            } catch { return error.description }
        }
        #expect(error("term\t1\t1\n")?.hasPrefix("line 1: not a textmill vocabulary") == true)
        #expect(error("#textmill-vocab v1 docs=2 fingerprint=x\na\t1\n") == "line 2: expected term<TAB>count<TAB>df")
        #expect(error("#textmill-vocab v1 docs=2 fingerprint=x\na\t1\t3\n") == "line 2: df 3 must be in 1...min(count 1, docs 2)")
        #expect(error("#textmill-vocab v1 docs=2 fingerprint=x\na\t2\t1\na\t1\t1\n") == "line 3: term \"a\" appears twice")
        #expect(error("#textmill-vocab v1 docs=2 fingerprint=x\n") == nil)
    }
}
