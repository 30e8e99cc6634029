/// One piece of a pre-tokenized text: `start ..< end` in `PreTokenizedText.text`, where its original text
/// begins (HF's `offsets_original().0`, which Metaspace's `prepend_scheme: first` asks), and the id of the
/// added token it already is, or -1.
struct TextSplit {
    var start: Int32
    var end: Int32
    var originalStart: Int32
    var addedTokenID: Int32

    var range: Range<Int> { Int(start) ..< Int(end) }
    var isTokenized: Bool { addedTokenID >= 0 }
}
