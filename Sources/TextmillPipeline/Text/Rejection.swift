/// Why a filter stage dropped a document: the reasons (the filters' names for the tests that
/// failed, such as `language` or `gopher_word_count`) and the values they judged.
///
/// A rejected document is not lost: its record becomes `{"id":…,"rejected":{…}}`, which the
/// run keeps in the output or moves to `--rejected`.
public struct Rejection: Sendable, Equatable {
    public var reasons: [String]
    public var values: [(key: String, value: FeatureValue)]

    public init(reasons: [String], values: [(key: String, value: FeatureValue)]) {
        self.reasons = reasons
        self.values = values
    }

    public static func == (a: Rejection, b: Rejection) -> Bool {
        a.reasons == b.reasons && FeatureValue.object(a.values) == FeatureValue.object(b.values)
    }
}
