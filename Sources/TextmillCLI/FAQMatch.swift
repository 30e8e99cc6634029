/// The FAQ entry closest to a message: its cosine score and the content words they share.
struct FAQMatch {
    let entry: FAQEntry
    let score: Double
    let sharedTerms: [String]
}
