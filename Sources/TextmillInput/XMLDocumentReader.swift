internal import CLibXML2
import TextmillDocuments
import TextmillJSON

/// Streams XML through libxml2's reader (`xmlReaderForIO`), so a multi-gigabyte dump is read in
/// constant memory: only the open elements' ancestors and the current document's text are held.
///
/// Without `--xpath` the whole file is one document (id `FILE`); with it each outermost element
/// the pattern selects is one (id from `--id-xpath`, else `FILE#N`, N counting from 1). Entities
/// are never substituted or loaded (see `LibXML.xmlOptions`): an external entity stays an
/// unexpanded reference, and an entity bomb fails libxml2's loop check at once. The first
/// well-formedness error ends the file with one `invalid_xml` record; the documents before it
/// are kept.
final class XMLDocumentReader: FileDocumentReader {
    /// What libxml2's callbacks see: the byte source, and the first read or parse error.
    final class Context {
        var source: AnyByteSource
        var readError: InputError?
        var parseError: (line: Int, code: Int32, message: String)?
        init(_ source: AnyByteSource) { self.source = source }
    }

    private let context: Context
    private let reader: OpaquePointer
    private let path: String
    private let pattern: ElementPattern?
    private let idPath: IDPath?
    private let maxDocBytes: Int
    private var finished = false
    /// Local names of the open elements, root first.
    private var stack: [String] = []
    private var documentsFound = 0

    // The document being collected.
    private var inDocument = false
    private var documentDepth = 0
    private var documentLine = 0
    private var documentName = ""
    private var builder = ExtractedTextBuilder(maxBytes: 0, collapse: false)
    private var skipDepth: Int?
    private var preDepth: Int?
    private var id: [UInt8]?
    private var idDepth: Int?

    init(_ source: AnyByteSource, path: String, options: InputOptions) throws(InputError) {
        LibXML.silenceErrors()
        self.path = path
        self.maxDocBytes = options.maxDocBytes
        self.pattern = try options.xpath.map { (x) throws(InputError) in try ElementPattern(x) }
        self.idPath = try options.idXPath.map { (x) throws(InputError) in try IDPath(x) }
        context = Context(source)
        let opaque = Unmanaged.passUnretained(context).toOpaque()
        guard let reader = xmlReaderForIO(Self.readCallback, nil, opaque, path, nil, LibXML.xmlOptions) else {
            throw InputError(path, "cannot start the XML reader")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, Self.errorCallback, opaque)
    }

    deinit { xmlFreeTextReader(reader) }

    var bytesRead: Int { Int(xmlTextReaderByteConsumed(reader)) }
    var currentLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    private static let readCallback: xmlInputReadCallback = { opaque, buffer, length in
        let context = Unmanaged<Context>.fromOpaque(opaque!).takeUnretainedValue()
        do throws(InputError) {
            return Int32(try context.source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
        } catch {
            context.readError = error
            return -1
        }
    }

    private static let errorCallback: xmlStructuredErrorFunc = { opaque, error in
        guard let opaque, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let context = Unmanaged<Context>.fromOpaque(opaque).takeUnretainedValue()
        guard context.parseError == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        context.parseError = (Int(error.pointee.line), Int32(error.pointee.code), message)
    }

    func next() throws(InputError) -> InputDocument? {
        while !finished {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                finished = true
                return nil
            }
            if status < 0 {
                finished = true
                return failure()
            }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                if let document = startElement() { return document }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                let name = LibXML.string(xmlTextReaderConstLocalName(reader)) ?? ""
                if let document = endElement(depth: Int(xmlTextReaderDepth(reader)), name: name) { return document }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                text()
            default:
                // Entity references (never expanded), comments, processing instructions, the doctype.
                break
            }
        }
        return nil
    }

    private func startElement() -> InputDocument? {
        let depth = Int(xmlTextReaderDepth(reader))
        let name = LibXML.string(xmlTextReaderConstLocalName(reader)) ?? ""
        if stack.count > depth { stack.removeLast(stack.count - depth) }
        stack.append(name)
        let empty = xmlTextReaderIsEmptyElement(reader) == 1
        if !inDocument {
            guard pattern.map({ $0.matches(stack) }) ?? (depth == 0) else { return nil }
            beginDocument(depth: depth, name: name)
        } else if skipDepth == nil {
            if MarkupElements.isDropped(name) {
                if !empty { skipDepth = depth }
                return nil
            }
            if MarkupElements.isLineBreak(name) {
                builder.lineBreak()
            } else if !MarkupElements.isInline(name) {
                builder.blockBoundary()
            }
            if preDepth == nil && !empty && MarkupElements.isPreformatted(name) { preDepth = depth }
        }
        if let idPath, id == nil, idDepth == nil, stack.count - 1 - documentDepth == idPath.elements.count,
            stack[(documentDepth + 1)...].elementsEqual(idPath.elements)
        {
            if let attribute = idPath.attribute {
                if let value = xmlTextReaderGetAttribute(reader, attribute) {
                    id = LibXML.bytes(UnsafePointer(value))
                    textmill_xmlFree(value)
                }
            } else if !empty {
                id = nil
                idDepth = depth
            }
        }
        return empty ? endElement(depth: depth, name: name) : nil
    }

    private func beginDocument(depth: Int, name: String) {
        inDocument = true
        documentDepth = depth
        documentName = name
        let node = xmlTextReaderCurrentNode(reader)
        let nodeLine = node.map { Int(xmlGetLineNo($0)) } ?? 0
        documentLine = nodeLine > 0 ? nodeLine : currentLine
        builder = ExtractedTextBuilder(maxBytes: maxDocBytes, collapse: false)
        skipDepth = nil
        preDepth = nil
        id = nil
        idDepth = nil
        idText = []
    }

    private var idText: [UInt8] = []

    private func endElement(depth: Int, name: String) -> InputDocument? {
        guard inDocument else { return nil }
        if depth == documentDepth { return finishDocument() }
        if idDepth == depth {
            idDepth = nil
            id = idText
        }
        if let skip = skipDepth {
            if skip == depth { skipDepth = nil }
            return nil
        }
        if preDepth == depth { preDepth = nil }
        if !MarkupElements.isInline(name) && !MarkupElements.isLineBreak(name) { builder.blockBoundary() }
        return nil
    }

    private func text() {
        guard inDocument, let value = xmlTextReaderConstValue(reader) else { return }
        let bytes = UnsafeBufferPointer(start: value, count: strlen(value))
        if idDepth != nil && idText.count < 4096 { idText.append(contentsOf: bytes) }
        guard skipDepth == nil else { return }
        builder.append(bytes, verbatim: preDepth != nil)
    }

    private func finishDocument() -> InputDocument {
        inDocument = false
        documentsFound += 1
        let locator = DocumentLocator(source: path, line: documentLine)
        if builder.overflowed {
            return InputDocument(
                locator: locator,
                payload: .unreadable(
                    DocumentError(
                        .documentTooLarge,
                        "element <\(documentName)> has more than \(maxDocBytes) bytes of text (--max-doc-bytes)")))
        }
        let text = builder.finish()
        let chosen = id.map { String(decoding: $0, as: UTF8.self).trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 }
        let fallback = pattern == nil ? path : "\(path)#\(documentsFound)"
        return InputDocument(
            locator: locator, payload: .extracted(id: .string(chosen ?? fallback), text: text, carried: []))
    }

    /// The record for a fatal error: the rest of the file cannot be parsed.
    private func failure() -> InputDocument {
        let where_ = inDocument ? " in element <\(documentName)> (document \(documentsFound + 1))" : ""
        if let readError = context.readError {
            return InputDocument(
                locator: DocumentLocator(source: path, line: inDocument ? documentLine : currentLine),
                payload: .unreadable(
                    DocumentError(.unreadableInput, "\(readError.message)\(where_); the documents before it were kept")))
        }
        let parse = context.parseError ?? (currentLine, 0, "unknown XML error")
        let line = parse.line > 0 ? parse.line : currentLine
        let message: String
        if parse.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) || parse.message.contains("amplification") {
            message = "entity expansion refused at line \(line)\(where_) (entity bomb?): \(parse.message)"
        } else {
            // libxml2's reader parses in chunks of a few hundred bytes and stops at the first
            // error, so documents just before it may not have been delivered: say from where.
            let rest = documentsFound == 0 ? "nothing of this file was read" : "the file after document \(documentsFound) was not read"
            message = "not well-formed XML at line \(line)\(where_): \(parse.message); \(rest)"
        }
        return InputDocument(
            locator: DocumentLocator(source: path, line: inDocument ? documentLine : line),
            payload: .unreadable(DocumentError(.invalidXML, message)))
    }
}

extension String {
    /// Without leading and trailing ASCII white space.
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        let isSpace = { (s: Unicode.Scalar) in s == " " || s == "\t" || s == "\n" || s == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
