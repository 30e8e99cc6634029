#if canImport(Glibc)
import Glibc
#endif
import Testing
import TextmillJSON
import TextmillTestSupport
@testable import TextmillCuration

/// The fastText option of the `language` stage, with a tiny supervised model trained here by
/// Debian's `fasttext` program (package `fasttext`, in the Makefile's APT_PACKAGES) on four of the
/// bundled corpora and tested on their held-out documents.
@Suite struct FastTextIdentifierTests {
    static let languages = ["en", "de", "ru", "it"]

    /// Documents of `corpora/<language>.jsonl`: the first 240 to train on, the rest to test.
    static func documents(_ language: String) throws -> [String] {
        try Fixtures.lines(Fixtures.path("corpora/\(language).jsonl")).map { try JSONValue.parse($0)["text"]?.stringValue ?? "" }
    }

    /// Trains the model once per process (a second or two) and returns its path.
    static let modelPath: String? = {
        let dir = TextmillBinary.temporaryDirectory()
        var training = ""
        for language in languages {
            for text in (try? documents(language).prefix(240)) ?? [] {
                let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                training += "__label__\(language) \(line)\n"
            }
        }
        TextmillBinary.write(dir + "/train.txt", Array(training.utf8))
        let command = "fasttext supervised -input \(dir)/train.txt -output \(dir)/lid -dim 16 -epoch 25 -lr 0.5 -minn 2 -maxn 4 "
            + "-bucket 20000 -thread 1 -seed 7 > \(dir)/train.log 2>&1"
        guard system(command) == 0 else { return nil }
        return dir + "/lid.bin"
    }()

    func model() throws -> FastTextModel {
        let path = try #require(Self.modelPath, "the fasttext program (Debian package fasttext; make deps) trains the test model")
        return try FastTextModel(path: path)
    }

    @Test func heldOutDocumentsAreIdentified() throws {
        let identifier = FastTextIdentifier(model: try model())
        for language in Self.languages {
            let test = try Self.documents(language).dropFirst(240).filter { $0.unicodeScalars.count >= 50 }
            let right = test.filter { identifier.identify($0).language == language }.count
            #expect(Double(right) / Double(test.count) >= 0.85, "\(language): \(right) of \(test.count)")
        }
        let guess = identifier.identify("Die Datei kann nicht geöffnet werden, weil kein Platz mehr auf der Festplatte ist.")
        #expect(guess.language == "de" && guess.score > 0.5)
        #expect(guess.candidates.count == 3 && guess.candidates.map(\.score) == guess.candidates.map(\.score).sorted(by: >))
        #expect(identifier.identify("12345 !!! ---") == .undetermined)
    }

    /// fastText reads one line: without the shim's line-break handling, only the first line
    /// (English here) would count.
    @Test func textAfterALineBreakCounts() throws {
        let identifier = FastTextIdentifier(model: try model())
        let german = "Die Datei kann nicht geöffnet werden, weil kein Platz mehr auf der Festplatte ist. "
            + "Bitte versuchen Sie es später noch einmal oder geben Sie Speicherplatz frei."
        #expect(identifier.identify("The file.").language == "en")
        #expect(identifier.identify("The file.\n" + german + "\n" + german).language == "de")
        #expect(identifier.identify("The file.\r\n" + german).language == "de")
    }

    @Test func labelsBecomeTextmillCodes() {
        #expect(FastTextIdentifier.code(of: "__label__en") == "en")
        #expect(FastTextIdentifier.code(of: "__label__eng_Latn") == "en")
        #expect(FastTextIdentifier.code(of: "__label__srp_Cyrl") == "sr")
        #expect(FastTextIdentifier.code(of: "__label__zho_Hant") == "zh-Hant")
        #expect(FastTextIdentifier.code(of: "__label__cmn_Hans") == "zh")
        #expect(FastTextIdentifier.code(of: "__label__fil_Latn") == "fil")
        #expect(FastTextIdentifier.code(of: "__label__iw") == "he")
    }

    @Test func stageWritesTheFieldsWithTheModel() throws {
        let path = try #require(Self.modelPath)
        let processor = try makeProcessor(
            stages: #"{"type": "language", "model": "\#(path)"}, {"type": "filter_language", "languages": ["it"]}"#,
            fields: ["id", "language", "language_score", "languages"])
        let kept = try record(processor, "Il file non può essere aperto perché non c'è più spazio sul disco.")
        #expect(kept["language"]?.stringValue == "it")
        #expect(kept["languages"]?.objectValue?.count == 3)
        let rejected = try record(processor, "Невозможно открыть файл, потому что на диске недостаточно места.")
        #expect(rejected["rejected"]?["values"]?["language"]?.stringValue == "ru")
        let config = try parseConfig(
            #"{"version": 1, "stages": [{"type": "language", "model": "\#(path)"}], "output": {"fields": ["id", "language"]}}"#)
        #expect(config.resolved.jsonText.contains(#""method":"fasttext""#))
    }

    @Test func badModelFilesAreRefused() throws {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/not-a-model.bin", Array("hello".utf8))
        #expect(throws: LanguageModelError.self) { try FastTextModel(path: dir + "/not-a-model.bin") }
        #expect(configError(stages: #"{"type": "language", "model": "\#(dir)/missing.bin"}"#)?.contains("stages[0].model") == true)
        #expect(configError(stages: #"{"type": "language", "method": "fasttext"}"#)?.contains("needs \"model\"") == true)
        let path = try #require(Self.modelPath)
        #expect(configError(stages: #"{"type": "language", "model": "\#(path)", "hints": ["en"]}"#)?.contains("stages[0].hints") == true)
    }
}
