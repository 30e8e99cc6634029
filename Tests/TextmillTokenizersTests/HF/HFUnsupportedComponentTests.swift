import Testing
import TextmillTestSupport
@testable import TextmillTokenizers

/// Components textmill does not implement are refused at load time with an error naming them (the CLI
/// turns `TokenizerError.unsupported` into exit 2); malformed files name the problem.
@Suite struct HFUnsupportedComponentTests {
    static let base = #"{"version":"1.0","added_tokens":[],"model":{"type":"WordLevel","vocab":{"a":0,"[UNK]":1},"unk_token":"[UNK]"}"#

    static func load(_ extra: String) throws -> any TextTokenizer {
        try HFTokenizerLoader.load(bytes: Array((base + extra + "}").utf8), path: "t.json")
    }

    static func message(_ extra: String) -> String {
        do {
            _ = try load(extra)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func precompiledNormalizerIsRefusedByName() {
        let m = Self.message(#","normalizer":{"type":"Precompiled","precompiled_charsmap":"AAAA"}"#)
        #expect(m.contains("t.json"))
        #expect(m.contains("Precompiled"))
        #expect(m.contains("unsupported"))
    }

    @Test func unknownComponentsAreNamed() {
        #expect(Self.message(#","normalizer":{"type":"Sequence","normalizers":[{"type":"Nmt"}]}"#).contains("normalizer Nmt (at normalizer.normalizers[0])"))
        #expect(Self.message(#","pre_tokenizer":{"type":"FixedLength","length":5}"#).contains("pre-tokenizer FixedLength"))
        #expect(Self.message(#","post_processor":{"type":"Fancy"}"#).contains("post-processor Fancy"))
        #expect(Self.message(#","decoder":{"type":"Mystery"}"#).contains("decoder Mystery"))
    }

    @Test func unsupportedIsTheUnsupportedCase() {
        #expect(throws: TokenizerError.self) { try Self.load(#","pre_tokenizer":{"type":"FixedLength"}"#) }
        do {
            _ = try Self.load(#","pre_tokenizer":{"type":"FixedLength"}"#)
        } catch let error as TokenizerError {
            if case .unsupported = error {} else { Issue.record("expected .unsupported, got \(error)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func bpeDropoutIsRefused() {
        let m = (try? HFTokenizerLoader.load(bytes: Array(#"{"model":{"type":"BPE","dropout":0.1,"vocab":{"a":0},"merges":[]}}"#.utf8), path: "d.json")) == nil
        #expect(m)
    }

    @Test func malformedFilesNameTheProblem() {
        #expect(Self.message(#","normalizer":{"type":"Replace","content":"x"}"#).contains("Replace needs a pattern"))
        let broken = (try? HFTokenizerLoader.load(bytes: Array("{\"model\": [".utf8), path: "b.json")) == nil
        #expect(broken)
        var message = ""
        do { _ = try HFTokenizerLoader.load(bytes: Array(#"{"model":{"type":"BPE","vocab":{"a":0},"merges":["a b"]}}"#.utf8), path: "m.json") }
        catch { message = "\(error)" }
        #expect(message.contains("m.json") && message.contains("merge token b is not in the vocabulary"))
    }
}
