import TextmillJSON

/// A value a featurizer adds to the record under its own field name.
public enum FeatureValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case ints([Int])
    case doubles([Double])
    case strings([String])
    case intPairs([(Int, Int)])
    case object([(key: String, value: FeatureValue)])

    public static func == (a: FeatureValue, b: FeatureValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.ints(let x), .ints(let y)): x == y
        case (.doubles(let x), .doubles(let y)): x == y
        case (.strings(let x), .strings(let y)): x == y
        case (.intPairs(let x), .intPairs(let y)): x.elementsEqual(y) { $0 == $1 }
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

extension JSONWriter {
    /// `feature(_:)` with the doubles of `.doubles` arrays formatted through `doubleTexts`
    /// (the same bytes): the record writer's path, with one cache per worker.
    public mutating func feature(_ value: FeatureValue, doubleTexts: DoubleTextCache) {
        guard case .doubles(let vs) = value else { return feature(value) }
        vs.withUnsafeBufferPointer { doubleArray($0, cache: doubleTexts) }
    }

    public mutating func feature(_ value: FeatureValue) {
        switch value {
        case .int(let v): int(v)
        case .double(let v): double(v)
        case .bool(let v): bool(v)
        case .string(let v): string(v)
        case .ints(let vs):
            vs.withUnsafeBufferPointer { intArray($0) }
        case .doubles(let vs):
            vs.withUnsafeBufferPointer { doubleArray($0, cache: DoubleTextCache(slots: 16)) }
        case .strings(let vs):
            beginArray()
            for (i, v) in vs.enumerated() {
                if i > 0 { comma() }
                string(v)
            }
            endArray()
        case .intPairs(let vs):
            beginArray()
            for (i, v) in vs.enumerated() {
                if i > 0 { comma() }
                beginArray()
                int(v.0)
                comma()
                int(v.1)
                endArray()
            }
            endArray()
        case .object(let members):
            beginObject()
            for (i, m) in members.enumerated() {
                if i > 0 { comma() }
                key(m.key)
                feature(m.value)
            }
            endObject()
        }
    }
}
