import TextmillFuzzTargets

#if canImport(Glibc)
import Glibc
#endif

// textmill-fuzz: the libFuzzer driver for the targets in TextmillFuzzTargets (`make fuzz`).
//
//   textmill-fuzz TARGET [libFuzzer options] [CORPUS_DIR…]   fuzz (a `make fuzz` build only)
//   textmill-fuzz replay TARGET FILE_OR_DIR…                 check inputs once, any build
//   textmill-fuzz list                                       the targets, and those still to come
//
// A property violation prints what broke and aborts, so libFuzzer saves the input as a crash.
// `models/` is found from the current directory, or from TEXTMILL_ROOT.

nonisolated(unsafe) var selectedTarget: (any FuzzTarget)?

#if FUZZING
typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: TestOneInput) -> Int32
#endif

func printError(_ message: String) {
    var line = "textmill-fuzz: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String, status: Int32 = 2) -> Never {
    printError(message)
    exit(status)
}

func target(named name: String) -> any FuzzTarget {
    if let pending = FuzzTargetCatalog.pending.first(where: { $0.name == name }) {
        fail("\(name) is not covered yet: \(pending.reason)")
    }
    let root = getenv("TEXTMILL_ROOT").map { String(cString: $0) } ?? "."
    do {
        guard let target = try FuzzTargetCatalog.make(name, packageRoot: root) else {
            fail("no target \(name) (textmill-fuzz list)")
        }
        return target
    } catch {
        fail("cannot set up \(name): \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = size > 0 ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    do { try selectedTarget!.check(input) } catch {
        printError("property violated: \(error)")
        abort()
    }
    return 0
}

func replay(_ paths: [String]) -> Int32 {
    var files: [String] = []
    for path in paths {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if !name.hasPrefix(".") { files.append(path + "/" + name) }
            }
            closedir(dir)
        } else {
            files.append(path)
        }
    }
    var failures: Int32 = 0
    for file in files.sorted() {
        guard let handle = fopen(file, "rb") else { fail("cannot open \(file)") }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let n = fread(&buffer, 1, buffer.count, handle), n > 0 { bytes += buffer[..<n] }
        fclose(handle)
        do { try selectedTarget!.check(bytes) } catch {
            print("\(file): \(error)")
            failures += 1
        }
    }
    print("\(selectedTarget!.name): \(files.count) inputs, \(failures) failed")
    return failures > 0 ? 1 : 0
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: textmill-fuzz TARGET [libFuzzer options] | replay TARGET FILE… | list") }
switch arguments[1] {
case "list":
    for name in FuzzTargetCatalog.names { print(name) }
    for (name, reason) in FuzzTargetCatalog.pending { print("\(name) (not covered yet: \(reason))") }
case "replay":
    guard arguments.count >= 4 else { fail("usage: textmill-fuzz replay TARGET FILE_OR_DIR…") }
    selectedTarget = target(named: arguments[2])
    exit(replay(Array(arguments[3...])))
default:
    // libFuzzer sees the program name and its own options, not the target name; the target
    // travels in TEXTMILL_FUZZ_TARGET, so the processes `-fork=N` starts with those same
    // options fuzz it too.
    let inherited = getenv("TEXTMILL_FUZZ_TARGET").map { String(cString: $0) }
    let name = arguments[1].hasPrefix("-") ? inherited ?? arguments[1] : arguments[1]
    selectedTarget = target(named: name)
    setenv("TEXTMILL_FUZZ_TARGET", name, 1)
    #if FUZZING
    let driverArguments = [arguments[0]] + arguments.dropFirst(name == arguments[1] ? 2 : 1)
    var cArguments: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
    var argc = Int32(driverArguments.count)
    let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
        return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
    }
    exit(status)
    #else
    fail("this build has no fuzzer: `make fuzz` builds one (here only `replay` and `list` work)")
    #endif
}
