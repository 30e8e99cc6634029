import Testing
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `textmill chat` driven through a pipe (plain line mode, no colour).
@Suite struct ChatCommandTests {
    @Test func scriptedConversationWithTheFAQ() {
        let script = """
            How do I run textmill on a corpus?
            /json
            Hello World
            /json
            /preset chat
            Straße 👍 ok?
            qwertyuiop zxcvbnm
            /nonsense
            /help
            /quit
            this line is never read
            """
        let result = TextmillBinary.run(["chat", "--faq", "corpora/faq.jsonl"], stdin: Array(script.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdoutLines
        #expect(!result.stdoutText.contains("\u{1B}["))  // no colour through a pipe
        // 1: the FAQ question itself is answered with its own answer (below 1.00: the entry's
        // vector holds its answer's words too).
        #expect(out.first == "text:      how do i run textmill on a corpus?")
        #expect(out.dropFirst().first == "tokens:    how do i run textmill on a corpus (8)")
        #expect(out.dropFirst(2).first?.hasPrefix("answer (0.83): Use the run subcommand") == true)
        // /json on: the raw record, exactly as run writes it (id = message number).
        #expect(out.contains("raw JSON records on"))
        #expect(out.contains(#"{"id":2,"tokens":["hello","world"],"offsets":[[0,5],[6,11]]}"#))
        // /preset chat: typed tokens and sentences.
        #expect(out.contains { $0.hasPrefix("now using in-process pipeline chat ") })
        #expect(out.contains("text:      strasse 👍 ok?"))  // the normalized text, though chat's records do not carry it
        #expect(out.contains("tokens:    strasse/word 👍/emoji ok/word ?/punctuation (4)"))
        #expect(out.contains("sentences: [0, 12)"))
        // Nothing in common with the FAQ: the fallback.
        #expect(out.contains { $0.hasPrefix("answer: I don't know that one (no FAQ question shares a content word with it)") })
        #expect(out.contains("unknown command /nonsense; /help lists them"))
        #expect(out.contains { $0.contains("/preset NAME") })
        #expect(!result.stdoutText.contains("never read"))
    }

    @Test func chatThroughARunningServer() throws {
        let dir = TextmillBinary.temporaryDirectory()
        let socket = dir + "/s.sock"
        let server = BackgroundProcess(["serve", "--listen", "unix:" + socket, "--workers", "1", "--preset", "chat"])
        #expect(server.waitForFile(socket), "\(server.stderr)")
        let result = TextmillBinary.run(
            ["chat", "--connect", "unix:" + socket, "--faq", "corpora/faq.jsonl"],
            stdin: Array("Can I process several input files at once?\n/preset icu-words\n/stats\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("tokens:    can/word i/word process/word several/word input/word files/word at/word once/word ?/punctuation (9)"))
        #expect(result.stdoutText.contains("answer (0.88): Yes. run takes any number of inputs"))
        #expect(result.stdoutText.contains("error: the server's pipeline is fixed"))
        #expect(result.stdoutText.contains(#""documents":"#))
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
    }

    @Test func badFAQFileIsAUsageError() {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/faq.jsonl", Array("{\"q\": \"a\", \"a\": \"b\"}\n{\"q\": 1}\n".utf8))
        let result = TextmillBinary.run(["chat", "--faq", dir + "/faq.jsonl"], stdin: Array("hi\n".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("faq.jsonl:2: expected {\"q\": string, \"a\": string}"))
    }
}
