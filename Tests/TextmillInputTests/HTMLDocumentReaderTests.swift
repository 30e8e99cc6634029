import Testing
import TextmillDocuments
import TextmillInput
import TextmillTestSupport

@Suite struct HTMLDocumentReaderTests {
    @Test func tagSoupBecomesLinesWithoutScriptsOrStyles() throws {
        let path = InputTesting.fixture("tag-soup.html")
        let docs = try InputTesting.read([path])
        #expect(docs.count == 1)
        let text = try #require(docs[0].text)
        #expect(docs[0].id == path)
        #expect(!text.contains("SCRIPT-MUST-NOT-APPEAR"))
        #expect(!text.contains("color"))
        #expect(text.hasPrefix("Soup & more\nFirst\nPara bold text wrapped.\nUnclosed para\nafter break\n"))
        #expect(text.contains("one\ntwo\n  keep\n  spaces\noutside articles"))
    }

    @Test func fullXPathSelectsElementsAndIds() throws {
        let path = InputTesting.fixture("tag-soup.html")
        let docs = try InputTesting.read([path], InputOptions(xpath: "//article", idXPath: "@id"))
        #expect(docs.map(\.id) == ["a1", "a2"])
        #expect(docs[0].text == "First\nPara bold text wrapped.\nUnclosed para\nafter break")
        #expect(docs[1].text == "Second\none\ntwo\n  keep\n  spaces")
        #expect(docs.map(\.line) == [5, 7])
        let headed = try InputTesting.read([path], InputOptions(xpath: "//article[h1='Second']", idXPath: "string(h1)"))
        #expect(headed.map(\.id) == ["Second"])
    }

    @Test func anXPathThatSelectsNoElementsIsAUsageError() {
        #expect(throws: InputError.self) {
            try InputTesting.read([InputTesting.fixture("tag-soup.html")], InputOptions(xpath: "count(//p)"))
        }
    }

    @Test func theCorpusSampleGivesItsText() throws {
        let path = Fixtures.path("corpora/html/debian-faq-basic-defs.en.html")
        let docs = try InputTesting.read([path])
        let text = try #require(docs.first?.text)
        #expect(text.contains("What is Debian GNU/Linux?"))
        #expect(!text.contains("<"))
    }

    @Test func oversizedHTMLIsOneErrorRecord() throws {
        let path = InputTesting.temporaryFile("big.html", Array("<p>\(String(repeating: "x", count: 3000))</p>".utf8))
        let docs = try InputTesting.read([path], InputOptions(maxDocBytes: 1000))
        #expect(docs.map(\.error) == [.documentTooLarge])
    }
}
