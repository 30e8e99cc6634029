#if canImport(Glibc)
import Glibc
#endif

/// A small line editor for `chat` on a terminal: cursor keys, Home/End, Ctrl-A/E/K/U/W,
/// Backspace/Delete and history (Up/Down). The terminal is in raw mode only while a line is
/// being read, so a crash or Ctrl-C between lines leaves it usable.
///
/// Chosen over libedit to avoid a system-library target for one feature; the cursor is placed
/// by redrawing the line, counting one column per scalar (wide CJK characters can leave the
/// cursor slightly off, never the text).
final class LineEditor {
    private var history: [[Unicode.Scalar]] = []

    /// The next line, or nil at end of input (Ctrl-D on an empty line).
    func readLine(prompt: String) -> String? {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return Swift.readLine() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(0, TCSAFLUSH, &raw)
        defer { tcsetattr(0, TCSAFLUSH, &saved) }

        var line: [Unicode.Scalar] = []
        var cursor = 0
        var historyIndex = history.count
        var draft: [Unicode.Scalar] = []
        func redraw() {
            var s = "\r\u{1B}[K" + prompt + String(String.UnicodeScalarView(line))
            let back = line.count - cursor
            if back > 0 { s += "\u{1B}[\(back)D" }
            writeOut(s)
        }
        redraw()
        while true {
            guard let byte = readByte() else { return line.isEmpty ? nil : finish(line) }
            switch byte {
            case 0x0D, 0x0A:
                return finish(line)
            case 0x04:  // Ctrl-D
                if line.isEmpty { writeOut("\r\n"); return nil }
                if cursor < line.count { line.remove(at: cursor) }
            case 0x03:  // Ctrl-C: drop the line
                writeOut("^C\r\n")
                line = []
                cursor = 0
            case 0x7F, 0x08:
                if cursor > 0 { cursor -= 1; line.remove(at: cursor) }
            case 0x01: cursor = 0
            case 0x05: cursor = line.count
            case 0x0B: line.removeSubrange(cursor...)
            case 0x15: line.removeSubrange(..<cursor); cursor = 0
            case 0x17:  // Ctrl-W: the word before the cursor
                var start = cursor
                while start > 0 && line[start - 1] == " " { start -= 1 }
                while start > 0 && line[start - 1] != " " { start -= 1 }
                line.removeSubrange(start..<cursor)
                cursor = start
            case 0x1B:
                guard readByte() == UInt8(ascii: "["), let key = readByte() else { break }
                switch key {
                case UInt8(ascii: "A"), UInt8(ascii: "B"):
                    let up = key == UInt8(ascii: "A")
                    if historyIndex == history.count { draft = line }
                    historyIndex = up ? max(0, historyIndex - 1) : min(history.count, historyIndex + 1)
                    line = historyIndex == history.count ? draft : history[historyIndex]
                    cursor = line.count
                case UInt8(ascii: "C"): cursor = min(line.count, cursor + 1)
                case UInt8(ascii: "D"): cursor = max(0, cursor - 1)
                case UInt8(ascii: "H"): cursor = 0
                case UInt8(ascii: "F"): cursor = line.count
                case UInt8(ascii: "3"):
                    if readByte() == UInt8(ascii: "~"), cursor < line.count { line.remove(at: cursor) }
                default: break
                }
            default:
                guard byte >= 0x20, let scalar = readScalar(first: byte) else { break }
                line.insert(scalar, at: cursor)
                cursor += 1
            }
            redraw()
        }
    }

    private func finish(_ line: [Unicode.Scalar]) -> String {
        writeOut("\r\n")
        if !line.isEmpty && history.last != line { history.append(line) }
        return String(String.UnicodeScalarView(line))
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return read(0, &byte, 1) == 1 ? byte : nil
    }

    /// Reads the rest of a UTF-8 sequence that starts with `first`.
    private func readScalar(first: UInt8) -> Unicode.Scalar? {
        var bytes = [first]
        let extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0
        for _ in 0..<extra {
            guard let b = readByte() else { return nil }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first
    }

    private func writeOut(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(1, $0.baseAddress, $0.count) }
    }
}
