/// Language identification with a fastText model (`{"type": "language", "model": "lid.176.bin"}`):
/// the model's top three labels become the `LanguageGuess`, their probabilities the scores.
/// Labels are turned into textmill's codes: `__label__en` → `en`; GlotLID's `__label__eng_Latn`
/// → `en` (ISO 639-3 to 639-1 where one exists, else the three letters; `zh-Hant` for
/// traditional Chinese). Text without a letter is `und`, as with CLD2.
public struct FastTextIdentifier: LanguageIdentifying {
    public let model: FastTextModel

    public init(model: FastTextModel) { self.model = model }

    public func identify(_ text: String) -> LanguageGuess {
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return .undetermined }
        var candidates: [(language: String, score: Double)] = []
        for prediction in model.predict(text, k: 3) {
            let code = Self.code(of: prediction.label)
            // Two labels can name one language (GlotLID's scripts): keep the first, add the rest.
            if let i = candidates.firstIndex(where: { $0.language == code }) {
                candidates[i].score += prediction.probability
            } else {
                candidates.append((code, prediction.probability))
            }
        }
        guard let best = candidates.first else { return .undetermined }
        return LanguageGuess(language: best.language, score: min(1, best.score), candidates: candidates)
    }

    /// textmill's code for a fastText label.
    public static func code(of label: String) -> String {
        var name = Substring(label)
        if name.hasPrefix("__label__") { name = name.dropFirst(9) }
        var script: Substring?
        if let underscore = name.firstIndex(of: "_") {
            script = name[name.index(after: underscore)...]
            name = name[..<underscore]
        }
        let language = isoAlpha2[String(name)] ?? LanguageCode.fromCLD2(String(name))
        if language == "zh" && (script == "Hant" || name == "zh-Hant") { return "zh-Hant" }
        return language
    }

    /// ISO 639-3 (and the 639-2/B forms some models use) → 639-1, for the languages lid.176 and
    /// GlotLID name most often; others keep their three letters.
    static let isoAlpha2: [String: String] = [
        "afr": "af", "amh": "am", "ara": "ar", "arb": "ar", "aze": "az", "azj": "az", "bel": "be", "ben": "bn", "bos": "bs",
        "bul": "bg", "cat": "ca", "ces": "cs", "cze": "cs", "cym": "cy", "dan": "da", "deu": "de", "ger": "de", "ell": "el",
        "gre": "el", "eng": "en", "epo": "eo", "est": "et", "ekk": "et", "eus": "eu", "fas": "fa", "pes": "fa", "fin": "fi",
        "fra": "fr", "fre": "fr", "gle": "ga", "glg": "gl", "guj": "gu", "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu",
        "hye": "hy", "ind": "id", "isl": "is", "ita": "it", "jpn": "ja", "kat": "ka", "kaz": "kk", "khm": "km", "kor": "ko",
        "lao": "lo", "lat": "la", "lav": "lv", "lvs": "lv", "lit": "lt", "mal": "ml", "mar": "mr", "mkd": "mk", "mlt": "mt",
        "mon": "mn", "khk": "mn", "msa": "ms", "zsm": "ms", "mya": "my", "nep": "ne", "npi": "ne", "nld": "nl", "dut": "nl",
        "nob": "nb", "nor": "no", "nno": "nn", "pan": "pa", "pol": "pl", "por": "pt", "ron": "ro", "rum": "ro", "rus": "ru",
        "sin": "si", "slk": "sk", "slo": "sk", "slv": "sl", "som": "so", "spa": "es", "sqi": "sq", "als": "sq", "srp": "sr",
        "swa": "sw", "swh": "sw", "swe": "sv", "tam": "ta", "tel": "te", "tha": "th", "tgl": "tl", "tur": "tr", "ukr": "uk",
        "urd": "ur", "uzb": "uz", "uzn": "uz", "vie": "vi", "yid": "yi", "zho": "zh", "chi": "zh", "cmn": "zh",
    ]
}
