/// HF's WordPiece: greedy longest-match-first with `continuing_subword_prefix` on non-initial pieces;
/// a word with an unmatchable position, or longer than `max_input_chars_per_word` characters, becomes
/// one `unk_token`.
struct WordPieceModel: HFModel {
    let vocabulary: Vocabulary
    let unkID: UInt32
    let prefix: [UInt8]
    let maxInputCharsPerWord: Int

    init(_ json: HFJSON) throws {
        guard let vocab = json.member("vocab") else { throw json.invalid("WordPiece needs a vocab") }
        let table = try Vocabulary(object: vocab)
        vocabulary = table
        let unk = try json.string("unk_token", default: "[UNK]") ?? "[UNK]"
        guard let id = table.id(of: unk) else { throw json.invalid("unk_token \(unk) is not in the vocabulary") }
        unkID = id
        prefix = Array((try json.string("continuing_subword_prefix", default: "##") ?? "##").utf8)
        maxInputCharsPerWord = try json.int("max_input_chars_per_word", default: 100) ?? 100
    }

    var vocabularySize: Int { vocabulary.idLimit }
    func id(of token: String) -> UInt32? { vocabulary.id(of: token) }
    func token(of id: UInt32) -> String? { vocabulary.token(of: id) }
    func makeWorker() -> any HFModelWorker { WordPieceWorker(model: self) }
}
