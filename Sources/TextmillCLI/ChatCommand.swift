import ArgumentParser
import TextmillPipeline
import TextmillServer

#if canImport(Glibc)
import Glibc
#endif

/// `textmill chat`: a terminal chat frontend that shows what preprocessing makes of each
/// message and, with `--faq`, answers it from a FAQ by TF-IDF similarity of content words.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with the pipeline: see each message's tokens and types, and answers from a FAQ.",
        discussion: """
            Without --connect the pipeline runs in this process. On a terminal lines can be \
            edited, with history; otherwise each input line is one message (scriptable). \
            Commands: /json /preset NAME /stats /help /quit.
            """)

    @Option(help: ArgumentHelp("A running `textmill serve`: unix:PATH or tcp:HOST:PORT.", valueName: "address"))
    var connect: String?

    @OptionGroup var pipelineOptions: PipelineOptions

    @Option(help: "A JSONL file of {\"q\": …, \"a\": …}; each message is answered with the closest question's answer.")
    var faq: String?

    @Option(help: "Lowest TF-IDF cosine similarity (of content words, stop words left out) that counts as an answer.")
    var threshold = 0.3

    @Flag(help: "Start with raw JSON records shown (/json toggles).")
    var json = false

    @Flag(help: "No colours (also when NO_COLOR is set or the output is not a terminal).")
    var noColor = false

    func validate() throws {
        if connect != nil && (pipelineOptions.preset != nil || pipelineOptions.config != nil) {
            throw ValidationError("--preset and --config choose the in-process pipeline; with --connect the server's pipeline is used")
        }
        if !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
    }

    mutating func run() throws {
        let backend: any ChatBackend
        if let connect {
            let address: ListenAddress
            do { address = try ListenAddress(parsing: connect) } catch { throw FatalError("--connect \(error)") }
            backend = try RemoteChatBackend(address: address)
        } else {
            backend = try LocalChatBackend(options: pipelineOptions, fields: InputFields())
        }
        let entries = try faq.map(FAQEntry.load)
        let interactive = isatty(0) != 0 && isatty(1) != 0
        let colour = !noColor && isatty(1) != 0 && getenv("NO_COLOR") == nil
        let session = try ChatSession(
            backend: backend, faq: entries, threshold: threshold, palette: TokenPalette(enabled: colour), showJSON: json)
        if interactive {
            print("textmill chat: \(backend.summary)\(entries.map { "; FAQ with \($0.count) entries" } ?? ""). /help for commands.")
        }
        let editor = interactive ? LineEditor() : nil
        while true {
            let line = editor.map { $0.readLine(prompt: colour ? "\u{1B}[32myou>\u{1B}[0m " : "you> ") } ?? Swift.readLine()
            guard let line else { break }
            let (output, quit) = session.handle(line)
            if let output { print(output) }
            if quit { break }
        }
    }
}
