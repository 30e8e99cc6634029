/// HF's WordLevel: the whole split is one vocabulary entry, or `unk_token`.
struct WordLevelModel: HFModel {
    let vocabulary: Vocabulary
    let unkToken: String
    let unkID: UInt32?

    init(_ json: HFJSON) throws {
        guard let vocab = json.member("vocab") else { throw json.invalid("WordLevel needs a vocab") }
        let table = try Vocabulary(object: vocab)
        vocabulary = table
        let unk = try json.string("unk_token", default: "<unk>") ?? "<unk>"
        unkToken = unk
        unkID = table.id(of: unk)
    }

    var vocabularySize: Int { vocabulary.idLimit }
    func id(of token: String) -> UInt32? { vocabulary.id(of: token) }
    func token(of id: UInt32) -> String? { vocabulary.token(of: id) }
    func makeWorker() -> any HFModelWorker { WordLevelWorker(model: self) }
}
