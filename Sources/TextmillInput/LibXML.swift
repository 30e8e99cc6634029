internal import CLibXML2

/// libxml2 set up once per process, the same way for every reader: no external entity or DTD
/// is ever loaded (the loader refuses them even if an option asked), errors go to handlers
/// instead of stderr.
enum LibXML {
    /// Touch before any libxml2 call.
    static let ready: Void = {
        xmlInitParser()
        textmill_installNoExternalLoader()
    }()

    /// Parse options for XML: no network, no entity substitution (`XML_PARSE_NOENT` would load
    /// external entities), no DTD loading, no `XML_PARSE_HUGE` (its limits stop entity bombs and
    /// giant text nodes); CDATA arrives as text.
    static let xmlOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    /// HTML: tag soup tolerated, no network, no messages on stderr.
    static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Keeps libxml2's messages off stderr on this thread (libxml2's error state is per thread).
    static func silenceErrors() {
        _ = ready
        xmlSetStructuredErrorFunc(nil, { _, _ in })
    }

    /// Whether libxml2's XPath compiler accepts `expression`.
    static func isValidXPath(_ expression: String) -> Bool {
        silenceErrors()
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    /// A libxml2 string as Swift bytes (nil stays nil).
    static func bytes(_ pointer: UnsafePointer<xmlChar>?) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer)))
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// `strlen` for libxml2's unsigned-char strings.
@inline(__always)
func strlen(_ p: UnsafePointer<xmlChar>) -> Int {
    p.withMemoryRebound(to: CChar.self, capacity: 1) { Glibc.strlen($0) }
}
