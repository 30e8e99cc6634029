internal import CLibXML2
import TextmillDocuments
import TextmillJSON

/// HTML through libxml2's HTML parser (tag soup tolerated; it never loads or expands
/// entities). libxml2 has no streaming HTML reader, so the file is read whole, up to
/// `--max-doc-bytes`; web pages are small, and a larger file is one `document_too_large` record.
///
/// Without `--xpath` the page is one document (id `FILE`); with it every selected element is
/// one (full XPath: `//article`, `//div[@class='post']`), with its id from `--id-xpath` (any
/// XPath, evaluated on the element: `@id`, `string(h2)`), else `FILE#N`.
struct HTMLDocumentReader: FileDocumentReader {
    private var documents: [InputDocument] = []
    private var nextIndex = 0
    private(set) var bytesRead = 0

    var currentLine: Int { 0 }

    init(_ source: AnyByteSource, path: String, options: InputOptions) throws(InputError) {
        var source = source
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let result: Result<Int, InputError> = block.withUnsafeMutableBytes { raw in
                do throws(InputError) { return .success(try source.read(into: raw)) } catch { return .failure(error) }
            }
            let n = try result.get()
            if n == 0 { break }
            bytesRead += n
            if bytesRead > options.maxDocBytes {
                bytes = []
                continue
            }
            bytes.append(contentsOf: block[0..<n])
        }
        if bytesRead > options.maxDocBytes {
            documents = [
                InputDocument(
                    locator: DocumentLocator(source: path, line: 1),
                    payload: .unreadable(
                        DocumentError(
                            .documentTooLarge,
                            "HTML file is \(bytesRead) bytes, over the limit of \(options.maxDocBytes) (--max-doc-bytes); HTML is parsed whole")))
            ]
            return
        }
        if bytes.isEmpty { return }
        documents = try Self.parse(bytes, path: path, options: options)
    }

    mutating func next() throws(InputError) -> InputDocument? {
        guard nextIndex < documents.count else { return nil }
        defer { nextIndex += 1 }
        return documents[nextIndex]
    }

    private static func parse(_ bytes: [UInt8], path: String, options: InputOptions) throws(InputError) -> [InputDocument] {
        LibXML.silenceErrors()
        // Without a declared charset libxml2 would guess Latin-1; textmill's inputs are UTF-8.
        let head = bytes.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let declares = Array(head).containsSequence(Array("charset".utf8)) || bytes.starts(with: [0xEF, 0xBB, 0xBF])
            || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(buffer.count), path, declares ? nil : "UTF-8", LibXML.htmlOptions)
            }
        }
        guard let doc = parsed else {
            return [
                InputDocument(
                    locator: DocumentLocator(source: path, line: 1),
                    payload: .unreadable(DocumentError(.invalidXML, "libxml2 could not parse this HTML at all")))
            ]
        }
        defer { xmlFreeDoc(doc) }
        guard let xpath = options.xpath else {
            guard let root = xmlDocGetRootElement(doc) else { return [] }
            return [document(root, id: path, path: path, options: options)]
        }
        guard let context = xmlXPathNewContext(doc) else { throw InputError(path, "cannot start XPath") }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else {
            throw InputError("--xpath", "'\(xpath)' cannot be evaluated on \(path)")
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw InputError("--xpath", "'\(xpath)' must select elements, but gives a \(typeName(result.pointee.type))")
        }
        var elements: [xmlNodePtr] = []
        if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
            for i in 0..<Int(set.pointee.nodeNr) {
                if let node = table[i], node.pointee.type == XML_ELEMENT_NODE { elements.append(node) }
            }
        }
        var documents: [InputDocument] = []
        for (n, element) in elements.enumerated() {
            var id: String?
            if let idXPath = options.idXPath {
                context.pointee.node = element
                if let value = xmlXPathEvalExpression(idXPath, context) {
                    if let string = xmlXPathCastToString(value) {
                        id = String(cString: string).trimmingCharacters()
                        textmill_xmlFree(string)
                    }
                    xmlXPathFreeObject(value)
                }
            }
            documents.append(document(element, id: id.flatMap { $0.isEmpty ? nil : $0 } ?? "\(path)#\(n + 1)", path: path, options: options))
        }
        return documents
    }

    private static func document(_ element: xmlNodePtr, id: String, path: String, options: InputOptions) -> InputDocument {
        var builder = ExtractedTextBuilder(maxBytes: options.maxDocBytes, collapse: true)
        extractText(element, into: &builder)
        let locator = DocumentLocator(source: path, line: Int(xmlGetLineNo(element)))
        if builder.overflowed {
            return InputDocument(
                locator: locator,
                payload: .unreadable(DocumentError(.documentTooLarge, "element has more than \(options.maxDocBytes) bytes of text (--max-doc-bytes)")))
        }
        return InputDocument(locator: locator, payload: .extracted(id: .string(id), text: builder.finish(), carried: []))
    }

    /// Walks the subtree without recursion (tag soup can nest deeply).
    private static func extractText(_ root: xmlNodePtr, into builder: inout ExtractedTextBuilder) {
        var stack: [(node: xmlNodePtr, entering: Bool)] = [(root, true)]
        var preformatted = 0
        var children: [xmlNodePtr] = []
        while let (node, entering) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = node.pointee.name.map { String(cString: $0) } ?? ""
                if entering {
                    if MarkupElements.isDropped(name) { continue }
                    if MarkupElements.isLineBreak(name) {
                        builder.lineBreak()
                        continue
                    }
                    if !MarkupElements.isInline(name) { builder.blockBoundary() }
                    if MarkupElements.isPreformatted(name) { preformatted += 1 }
                    stack.append((node, false))
                    children.removeAll(keepingCapacity: true)
                    var child = node.pointee.children
                    while let c = child {
                        children.append(c)
                        child = c.pointee.next
                    }
                    for c in children.reversed() { stack.append((c, true)) }
                } else {
                    if MarkupElements.isPreformatted(name) { preformatted -= 1 }
                    if !MarkupElements.isInline(name) { builder.blockBoundary() }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    builder.append(UnsafeBufferPointer(start: content, count: strlen(content)), verbatim: preformatted > 0)
                }
            default:
                continue
            }
        }
    }

    private static func typeName(_ type: xmlXPathObjectType) -> String {
        switch type {
        case XPATH_BOOLEAN: "boolean"
        case XPATH_NUMBER: "number"
        case XPATH_STRING: "string"
        default: "value of another kind"
        }
    }
}
