/// A top-level member's value as `JSONParser.forEachMember` reports it: strings and numbers as
/// ranges of the source bytes (nothing allocated), anything else only as validated.
public enum JSONMemberValue: Sendable {
    case string(JSONStringSpan)
    case number(Range<Int>)
    /// An object, array, `true`, `false` or `null`.
    case other
}
