import TextmillJSON
import TextmillRun

/// One `job.submit` param with its key, read as the type its option takes.
struct JobParamValue {
    let key: String
    let value: JSONValue

    func string() throws(RunFailure) -> String {
        guard let text = value.stringValue else { throw mismatch("a string") }
        return text
    }

    func strings() throws(RunFailure) -> [String] {
        if let text = value.stringValue { return [text] }
        guard let items = value.arrayValue else { throw mismatch("an array of strings") }
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw mismatch("an array of strings") }
            texts.append(text)
        }
        return texts
    }

    func int() throws(RunFailure) -> Int {
        guard let number = value.intValue else { throw mismatch("an integer") }
        return number
    }

    func double() throws(RunFailure) -> Double {
        guard let number = value.doubleValue else { throw mismatch("a number") }
        return number
    }

    func bool() throws(RunFailure) -> Bool {
        guard let flag = value.boolValue else { throw mismatch("true or false") }
        return flag
    }

    private func mismatch(_ expected: String) -> RunFailure {
        RunFailure("\(key) must be \(expected), not \(value.typeName)")
    }
}
