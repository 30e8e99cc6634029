/// What the letters of a text rule out: the groups of closely related languages CLD2 confuses,
/// and for each of their members the letters its alphabet does not have (Bulgarian has no `ы`,
/// Serbian no `я`, Macedonian no `ћ`, Slovak no `ř`, Catalan no `ñ`, Spanish no `ã`, …).
enum LanguageAlphabets {
    /// When CLD2 names one member, every member is weighed.
    static let groups: [[String]] = [
        ["ru", "bg", "sr", "mk", "uk", "be"], ["es", "pt", "gl", "ca"], ["cs", "sk"], ["hr", "bs", "sr", "sl"],
    ]

    static let cyrillic: [String] = ["ru", "bg", "sr", "mk", "uk", "be", "kk", "ky", "mn", "tg"]

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

    /// The languages of `impossible`, sorted: bit `i` of `impossibleMask` is `impossibleLanguages[i]`.
    static let impossibleLanguages: [String] = impossible.keys.sorted()

    /// For each scalar below `impossibleMask.count`, the languages whose alphabet lacks it (every
    /// listed letter is below U+0500), so a text's letters are counted in one pass for all of them.
    static let impossibleMask: [UInt16] = {
        var masks = [UInt16](repeating: 0, count: 0x500)
        for (i, language) in impossibleLanguages.enumerated() {
            for letter in impossible[language]! {
                precondition(Int(letter.value) < masks.count, "impossible letters are below U+0500")
                masks[Int(letter.value)] |= 1 << UInt16(i)
            }
        }
        return masks
    }()

    /// The language and every language it is grouped with.
    static func withRelatives(_ languages: [String]) -> [String] {
        var out: [String] = []
        for language in languages where !out.contains(language) { out.append(language) }
        for group in groups where languages.contains(where: group.contains) {
            for member in group where !out.contains(member) { out.append(member) }
        }
        return out
    }

    private static func scalars(_ s: String) -> Set<Unicode.Scalar> { Set(s.unicodeScalars) }
}
