/// The part of XPath that can be decided while streaming: element paths such as `//page`,
/// `/mediawiki/page`, `//doc/article` or `//a|//b`, matched on the chain of open elements.
///
/// Streaming (libxml2's reader) keeps only the current element's ancestors, so predicates,
/// attributes and functions cannot be evaluated; they are refused with a clear message. Names
/// match the local name (a namespace prefix in the pattern is ignored), so `//page` finds the
/// pages of a MediaWiki export despite its default namespace. A relative path (`page`) matches
/// at any depth, like `//page`.
public struct ElementPattern: Sendable, Equatable {
    struct Step: Sendable, Equatable {
        /// Local name, or nil for `*`.
        var name: String?
        /// Preceded by `//` (any depth below the previous step) rather than `/` (a child).
        var descendant: Bool
    }

    let alternatives: [[Step]]
    public let source: String

    /// Parses `expression`; the error message says what is supported.
    public init(_ expression: String) throws(InputError) {
        source = expression
        var alternatives: [[Step]] = []
        for alternative in expression.split(separator: "|", omittingEmptySubsequences: false) {
            let text = alternative.trimmingSpaces()
            guard !text.isEmpty else { throw Self.unsupported(expression) }
            var steps: [Step] = []
            var rest = Substring(text)
            var descendant = true
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("/") {
                rest = rest.dropFirst()
                descendant = false
            }
            while true {
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                let name = rest[..<end]
                guard Self.isName(name) else { throw Self.unsupported(expression) }
                let local = name.split(separator: ":").last.map(String.init) ?? String(name)
                steps.append(Step(name: local == "*" ? nil : local, descendant: descendant))
                if end == rest.endIndex { break }
                rest = rest[rest.index(after: end)...]
                descendant = false
                if rest.hasPrefix("/") {
                    rest = rest.dropFirst()
                    descendant = true
                }
            }
            alternatives.append(steps)
        }
        self.alternatives = alternatives
    }

    /// Whether the innermost element of `path` (root first, local names) is selected.
    public func matches(_ path: [String]) -> Bool {
        alternatives.contains { Self.match($0, 0, path, 0) }
    }

    private static func match(_ steps: [Step], _ step: Int, _ path: [String], _ from: Int) -> Bool {
        let s = steps[step]
        let candidates = s.descendant ? from..<path.count : from..<min(from + 1, path.count)
        for k in candidates where s.name == nil || s.name == path[k] {
            if step == steps.count - 1 {
                if k == path.count - 1 { return true }
            } else if match(steps, step + 1, path, k + 1) {
                return true
            }
        }
        return false
    }

    private static func isName(_ name: Substring) -> Bool {
        if name == "*" { return true }
        guard let first = name.unicodeScalars.first, first != "-", first != ".", !("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.:".unicodeScalars.contains(scalar)
        }
    }

    private static func unsupported(_ expression: String) -> InputError {
        InputError(
            "--xpath", "'\(expression)' cannot be evaluated while streaming XML: use element paths like "
                + "//page, /mediawiki/page or //a|//b (no predicates, attributes or functions)")
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
