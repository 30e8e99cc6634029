/// WordLevel needs no scratch; a worker for the common interface.
final class WordLevelWorker: HFModelWorker {
    let model: WordLevelModel

    init(model: WordLevelModel) { self.model = model }

    func tokenize(_ utf8: UnsafeBufferPointer<UInt8>, into tokens: inout [ModelToken]) throws {
        if let id = model.vocabulary.lookup(UnsafeRawBufferPointer(utf8)) ?? model.unkID {
            tokens.append(ModelToken(id: id, start: 0, end: Int32(utf8.count)))
        } else {
            throw TokenizerError.invalidText(message: "WordLevel: unk_token \(model.unkToken) is not in the vocabulary")
        }
    }
}
