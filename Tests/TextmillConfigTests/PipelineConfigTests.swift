import Testing
import TextmillConfig
import TextmillTestSupport

/// Config errors must name the exact field and what is allowed.
@Suite struct PipelineConfigTests {
    func error(_ json: String) -> String? {
        do {
            _ = try PipelineConfig.parse(Array(json.utf8), path: "c.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func errorsNameTheField() {
        #expect(error("{") == "c.json: not valid JSON: expected a string key at byte 2")
        #expect(error(#"{"stages": []}"#) == "c.json: version: required integer is missing")
        #expect(error(#"{"version": 2, "stages": []}"#) == "c.json: version: 2 is not supported (this textmill reads version 1)")
        #expect(error(#"{"version": 1}"#) == "c.json: stages: required list of stages is missing")
        #expect(error(#"{"version": 1, "stages": [{"type": "normalise"}]}"#)?.hasPrefix(
            #"c.json: stages[0].type: "normalise" is not a stage type (allowed: repair_utf8, "#) == true)
        #expect(error(#"{"version": 1, "stages": [{"type": "words"}, {"type": "normalize", "form": "nfkx"}]}"#)
            == #"c.json: stages[1].form: "nfkx" is not one of nfc, nfd, nfkc, nfkd, nfkc_casefold"#)
        #expect(error(#"{"version": 1, "stages": [{"type": "words", "locle": "en"}]}"#)
            == "c.json: stages[0].locle: unknown field (allowed: type, locale)")
        #expect(error(#"{"version": 1, "stages": [{"type": "filter_types", "drop": ["space"]}]}"#)?.hasPrefix(
            #"c.json: stages[0].drop[0]: "space" is not one of word, number"#) == true)
        #expect(error(#"{"version": 1, "stages": [], "output": {"fields": ["id", "vectors"]}}"#)?.hasPrefix(
            "c.json: output.fields: output field 'vectors' is not produced by this pipeline") == true)
        #expect(error(#"{"version": 1, "stages": [], "output": {"offsets": "bytes"}}"#)
            == #"c.json: output.offsets: "bytes" is not one of codepoints, utf8"#)
        #expect(error(#"{"version": 1, "stages": [{"type": "transliterate", "id": "Nope-Nothing"}]}"#)?.hasPrefix(
            "c.json: stages[0]: utrans_openU") == true)
    }

    @Test func presetsLoadAndFingerprintsDiffer() throws {
        let catalog = PresetCatalog(directory: Fixtures.path("models"))
        #expect(catalog.names.contains("icu-words") && catalog.names.contains("chat"))
        let a = try catalog.load("icu-words"), b = try catalog.load("chat")
        #expect(a.fingerprint.count == 16 && a.fingerprint != b.fingerprint)
        #expect(try catalog.load("icu-words").fingerprint == a.fingerprint)
    }

    @Test func fingerprintIgnoresFormattingButNotMeaning() throws {
        let compact = #"{"version":1,"name":"x","stages":[{"type":"words"}]}"#
        let spaced = #"{ "version": 1, "name": "x", "stages": [ { "type": "words", "locale": "root" } ] }"#
        let other = #"{"version":1,"name":"x","stages":[{"type":"words","locale":"sv"}]}"#
        let f = { (s: String) in try PipelineConfig.parse(Array(s.utf8), path: "x.json").fingerprint }
        #expect(try f(compact) == f(spaced))
        #expect(try f(compact) != f(other))
    }
}
