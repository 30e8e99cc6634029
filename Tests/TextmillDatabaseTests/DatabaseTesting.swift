import TextmillDatabase
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Inputs and helpers the database sink tests share.
enum DatabaseTesting {
    /// `count` small JSONL documents in several scripts; every `badEvery`-th line is not JSON
    /// (an error record in the output), and ids alternate between strings and numbers.
    /// With `nulEvery`, every such document's text holds a `\u0000`.
    static func input(_ count: Int, badEvery: Int = 0, nulEvery: Int = 0) -> [UInt8] {
        let words = ["Straße", "ﬁnal", "東京都", "naïve", "Привет", "ตัวอย่าง", "don't", "3.14", "ＡＢＣ", #"a \"quoted\" \\ back"#, "tab\\there"]
        var text = ""
        for i in 1...count {
            if badEvery > 0 && i % badEvery == 0 {
                text += "{\"id\": \(i), \"text\": broken\n"
                continue
            }
            let body = (0..<(i % 7 + 2)).map { words[($0 * 5 + i) % words.count] }.joined(separator: " ")
            let id = i % 2 == 0 ? "\(i)" : "\"doc-\(i)\""
            let nul = nulEvery > 0 && i % nulEvery == 0 ? #" nul\u0000here"# : ""
            text += #"{"id":\#(id),"text":"doc \#(i). \#(body)\#(nul)? Yes."}"# + "\n"
        }
        return Array(text.utf8)
    }

    /// A pipeline whose records carry `text`, `tokens` and `sentences` (for the typed columns).
    static func config(in dir: String) -> String {
        let path = dir + "/pipeline.json"
        let json = """
            {"version": 1, "name": "database-test",
             "stages": [{"type": "normalize", "form": "nfkc"}, {"type": "casefold"}, {"type": "words"}, {"type": "sentences"},
                        {"type": "filter_types", "drop": ["whitespace"]}],
             "output": {"fields": ["id", "text", "tokens", "sentences"]}}
            """
        TextmillBinary.write(path, Array(json.utf8))
        return path
    }

    static func file(_ bytes: [UInt8], in dir: String, _ name: String = "in.jsonl") -> String {
        let path = dir + "/" + name
        TextmillBinary.write(path, bytes)
        return path
    }

    /// The lines of JSONL output, without their newlines.
    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every row of an SQLite table, in ordinal order.
    static func sqliteRows(_ path: String, table: String = DatabaseTable.defaultName) throws -> [[DatabaseValue]] {
        try SQLiteDatabase(path: path).query("SELECT * FROM \(table) ORDER BY run_key, ordinal")
    }

    /// Runs textmill in the background; returns once `ready` says so (or it exits), leaving it running.
    static func startAndWait(
        _ arguments: [String], environment: [String: String] = [:], until ready: () -> Bool
    ) -> BackgroundProcess {
        let process = BackgroundProcess(arguments, environment: environment)
        var waited = 0.0
        while !ready() && !process.hasExited && waited < 120 {
            usleep(20_000)
            waited += 0.02
        }
        return process
    }
}
