/// What the letters of a text rule out: the groups of closely related languages CLD2 confuses,
/// and for each of their members the letters its alphabet does not have (Bulgarian has no `ы`,
/// Serbian no `я`, Macedonian no `ћ`, Slovak no `ř`, Catalan no `ñ`, Spanish no `ã`, …).
enum LanguageAlphabets {
    /// When CLD2 names one member, every member is weighed.
    static let groups: [Set<String>] = [
        ["ru", "bg", "sr", "mk", "uk", "be"], ["es", "pt", "gl", "ca"], ["cs", "sk"], ["hr", "bs", "sr", "sl"],
    ]

    static let cyrillic: Set<String> = ["ru", "bg", "sr", "mk", "uk", "be", "kk", "ky", "mn", "tg"]

    private static let cyrillicExtensions: Set<Unicode.Scalar> = scalars("ђѓєѕіїјљњћќўџґ")

    /// Lower-case letters a language's standard alphabet lacks.
    static let impossible: [String: Set<Unicode.Scalar>] = [
        "ru": cyrillicExtensions,
        "bg": cyrillicExtensions.union(scalars("ыэё")),
        "uk": scalars("ыэъёђѓѕјљњћќўџ"),
        "sr": scalars("йщъьыэюяёєіїѓѕќўґ"),
        "mk": scalars("йщъьыэюяёєіїђћўґ"),
        "be": scalars("ищъђѓєѕїјљњћќџґ"),
        "cs": scalars("äĺľôŕ"),
        "sk": scalars("ěřů"),
        "es": scalars("ãõâêôàèòçï"),
        "pt": scalars("ñèòï"),
        "gl": scalars("ãõâêôçàèò"),
        "ca": scalars("ñãõâêôá"),
    ]

    /// The language and every language it is grouped with.
    static func withRelatives(_ languages: Set<String>) -> Set<String> {
        var out = languages
        for group in groups where !group.isDisjoint(with: languages) { out.formUnion(group) }
        return out
    }

    private static func scalars(_ s: String) -> Set<Unicode.Scalar> { Set(s.unicodeScalars) }
}
