import Testing
import TextmillDocuments
import TextmillInput
import TextmillTestSupport

@Suite struct XMLDocumentReaderTests {
    @Test func xpathSelectsPagesAndIdXPathTheirTitles() throws {
        let path = InputTesting.fixture("pages.xml")
        let docs = try InputTesting.read([path], InputOptions(xpath: "//page", idXPath: "title"))
        #expect(docs.map(\.id) == ["Alpha", "Beta"])
        #expect(docs.map(\.line) == [4, 13])
        #expect(docs[0].text == "Alpha\n10\n100\nAlpha is the first letter.\nIt has two lines & an entity.")
        #expect(docs[1].text == "Beta\n11\n101\nBeta <b>in</b> CDATA")
    }

    @Test func idPathsReachNestedElementsAndAttributes() throws {
        let path = InputTesting.fixture("pages.xml")
        let nested = try InputTesting.read([path], InputOptions(xpath: "/mediawiki/page", idXPath: "revision/id"))
        #expect(nested.map(\.id) == ["100", "101"])
        let texts = try InputTesting.read([path], InputOptions(xpath: "//revision/text"))
        #expect(texts.map(\.id) == ["\(path)#1", "\(path)#2"])
        #expect(texts[1].text == "Beta <b>in</b> CDATA")
        let attributes = try InputTesting.read([InputTesting.fixture("xxe.xml")], InputOptions(xpath: "//page", idXPath: "@id"))
        #expect(attributes.map(\.id) == ["p1", "p2"])
        let child = InputTesting.temporaryFile(
            "meta.xml", Array("<r><d><meta key=\"k1\"/>one</d><d>two<meta/></d><d><meta key=\" k3 \">x</meta>three</d></r>".utf8))
        let keyed = try InputTesting.read([child], InputOptions(xpath: "//d", idXPath: "./meta/@key"))
        #expect(keyed.map(\.id) == ["k1", "\(child)#2", "k3"])
        #expect(keyed.map(\.text) == ["one", "two", "x\nthree"])
    }

    @Test func withoutXPathTheWholeFileIsOneDocument() throws {
        let path = InputTesting.fixture("pages.xml")
        let docs = try InputTesting.read([path])
        #expect(docs.map(\.id) == [path])
        #expect(docs[0].text?.hasPrefix("Test\nAlpha\n10\n") == true)
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let docs = try InputTesting.read([InputTesting.fixture("xxe.xml")], InputOptions(xpath: "//page"))
        #expect(docs.count == 2)
        #expect(docs.allSatisfy { $0.error == nil })
        #expect(docs[0].text == "One\nbefore  after")
        #expect(docs[1].text == "Two\nusers:  end")
        for doc in docs {
            #expect(doc.text?.contains("XXE-SECRET-MARKER") == false)
            #expect(doc.text?.contains("root:") == false)
        }
    }

    @Test func billionLaughsIsRefusedWithAnErrorRecord() throws {
        let path = InputTesting.fixture("billion-laughs.xml")
        let docs = try InputTesting.read([path], InputOptions(xpath: "//page", idXPath: "@id"))
        let failure = try #require(docs.last)
        #expect(failure.error == .invalidXML)
        #expect(failure.message?.contains("entity") == true)
        #expect(failure.source == path)
        #expect(docs.count <= 2)
        #expect(docs.dropLast().allSatisfy { $0.id == "ok" })
    }

    @Test func notWellFormedXMLKeepsEarlierDocuments() throws {
        // libxml2's reader works in chunks of a few hundred bytes: documents well before the
        // error are delivered, the last ones before it may go down with it (the message says which).
        let body = (1...40).map { "<d>doc \($0) \(String(repeating: "x", count: 80))</d>\n" }.joined()
        let path = InputTesting.temporaryFile("broken.xml", Array("<r>\n\(body)<d>bad</x>\n<d>after</d></r>".utf8))
        let docs = try InputTesting.read([path], InputOptions(xpath: "//d"))
        let failure = try #require(docs.last)
        #expect(failure.error == .invalidXML)
        #expect(failure.message?.contains("at line 42") == true)
        let good = docs.dropLast()
        #expect(good.count >= 30)
        #expect(good.enumerated().allSatisfy { $0.element.text?.hasPrefix("doc \($0.offset + 1) ") == true })
        #expect(failure.message?.contains("after document \(good.count) was not read") == true)
    }

    @Test func invalidUTF8InXMLIsAnError() throws {
        let path = InputTesting.temporaryFile("bad.xml", Array("<r><d>ok</d><d>bad ".utf8) + [0xFF, 0xFE] + Array("</d></r>".utf8))
        let docs = try InputTesting.read([path], InputOptions(xpath: "//d"))
        #expect(docs.count == 1)
        #expect(docs.last?.error == .invalidXML)
        #expect(docs.last?.message?.contains("UTF-8") == true)
    }

    @Test func largeElementsBecomeErrorRecords() throws {
        let big = String(repeating: "word ", count: 100)
        let path = InputTesting.temporaryFile("big.xml", Array("<r><d>small</d><d>\(big)</d><d>after</d></r>".utf8))
        let docs = try InputTesting.read([path], InputOptions(xpath: "//d", maxDocBytes: 64))
        #expect(docs.map(\.text) == ["small", nil, "after"])
        #expect(docs[1].error == .documentTooLarge)
    }

    @Test func gzipXMLStreams() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let path = InputTesting.temporaryFile("pages.xml", Fixtures.read(InputTesting.fixture("pages.xml")), in: dir)
        InputTesting.gzip(path)
        #expect(try InputTesting.read([path + ".gz"], InputOptions(xpath: "//page", idXPath: "title")).map(\.id) == ["Alpha", "Beta"])
    }

    @Test func theCorpusXHTMLSampleParsesAsXML() throws {
        let path = Fixtures.path("corpora/html/debian-faq-basic-defs.en.html")
        let docs = try InputTesting.read([path], InputOptions(format: .xml))
        #expect(docs.count == 1)
        #expect(docs[0].error == nil)
        #expect(docs[0].text?.contains("Debian") == true)
    }

    @Test func theCorpusXMLSampleGivesOneDocumentPerLanguage() throws {
        let path = Fixtures.path("corpora/xml/appstream-cli.metainfo.xml")
        let docs = try InputTesting.read([path], InputOptions(xpath: "//description/p", idXPath: "@xml:lang"))
        #expect(docs.count > 40)
        #expect(docs.allSatisfy { $0.error == nil })
        #expect(docs.first?.text?.hasPrefix("AppStream is a metadata specification") == true)
        let german = try #require(docs.first { $0.id == "de" })
        #expect(german.text?.hasPrefix("AppStream ist eine Metadatenspezifikation") == true)
    }

    @Test func elementPatternsMatchTheOpenElementChain() throws {
        let page = try ElementPattern("//page")
        #expect(page.matches(["mediawiki", "page"]))
        #expect(!page.matches(["mediawiki", "page", "title"]))
        let absolute = try ElementPattern("/mediawiki/page")
        #expect(absolute.matches(["mediawiki", "page"]))
        #expect(!absolute.matches(["x", "mediawiki", "page"]))
        let mixed = try ElementPattern("/a//c | //x:d")
        #expect(mixed.matches(["a", "b", "c"]))
        #expect(mixed.matches(["q", "d"]))
        #expect(!mixed.matches(["b", "c"]))
        #expect(try ElementPattern("a/*").matches(["r", "a", "z"]))
        for bad in ["//page[1]", "//@id", "count(//a)", "", "//a/"] {
            #expect(throws: InputError.self) { try ElementPattern(bad) }
        }
    }
}
