import ArgumentParser
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Entry point used by the `textmill` executable: maps every failure onto textmill's exit codes
/// (ArgumentParser alone would exit 64 on usage errors; textmill promises 2).
public enum TextmillMain {
    public static func main() async -> Never {
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = getenv("TEXTMILL_DEBUG") != nil ? .debug : .info
            return handler
        }
        do {
            var command = try TextmillCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as FatalError {
            printError(error.message)
            exit(error.status.rawValue)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = TextmillCommand.exitCode(for: error)
            if code == .success {
                print(TextmillCommand.fullMessage(for: error))
                exit(0)
            }
            let message = TextmillCommand.fullMessage(for: error)
            FileHandleStderr.write(message + "\n")
            exit(ExitStatus.usage.rawValue)
        }
    }
}

enum FileHandleStderr {
    static func write(_ text: String, newline: Bool = false) {
        var bytes = Array(text.utf8)
        if newline { bytes.append(0x0A) }
        bytes.withUnsafeMutableBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
