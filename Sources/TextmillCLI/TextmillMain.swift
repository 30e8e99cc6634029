import ArgumentParser
import TextmillProcessing
import TextmillRun
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Entry point used by the `textmill` executable: maps every failure onto textmill's exit codes
/// (ArgumentParser alone would exit 64 on usage errors; textmill promises 2).
public enum TextmillMain {
    public static func main() async -> Never {
        signal(SIGPIPE, SIG_IGN)
        // In the coordinator, chunks and their records are megabyte buffers allocated on one
        // thread and freed on another; with glibc's sliding mmap threshold they end up in
        // per-thread arenas that never shrink (a coordinator grew to 220 MB on a 1 GB input).
        // A fixed threshold keeps them mmapped, so freeing one returns its memory. Workers are
        // single-threaded and stay small without it, and it would cost them page faults
        // (measured: +0.9 s of system time per 100 MB with two workers).
        // A fixed mmap threshold also freezes the trim threshold at 128 KiB, so an arena gave its
        // top back to the kernel after nearly every freed result and faulted it in again for the
        // next (20,000 faults per 10 MB with the hashing preset); 4 MiB of slack per arena keeps
        // that memory for reuse (2,300 faults) and bounds what an idle arena holds.
        if CommandLine.arguments.dropFirst().first != "worker" {
            _ = glibcMallopt(glibcMmapThreshold, 256 << 10)
            _ = glibcMallopt(glibcTrimThreshold, 4 << 20)
        }
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
        } catch let error as RunFailure {
            printError(error.message)
            exit(ExitStatus.usage.rawValue)
        } catch let error as ProcessingSetupError {
            printError(error.description)
            exit(ExitStatus.usage.rawValue)
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

/// glibc's `mallopt` (malloc.h is not part of the Glibc module), its M_MMAP_THRESHOLD and M_TRIM_THRESHOLD.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let glibcMmapThreshold: Int32 = -3
private let glibcTrimThreshold: Int32 = -1

enum FileHandleStderr {
    static func write(_ text: String, newline: Bool = false) {
        var bytes = Array(text.utf8)
        if newline { bytes.append(0x0A) }
        bytes.withUnsafeMutableBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
