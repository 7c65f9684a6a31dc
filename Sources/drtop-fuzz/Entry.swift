import Foundation

#if FUZZING
/// libFuzzer's driver (linked by -sanitize=fuzzer); the package's entry point hands it the command line.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target under test, from DRTOP_FUZZ.
nonisolated(unsafe) private var target = FuzzTarget.xml

/// libFuzzer's callback: one input through the target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    target.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#endif

/// Built by fuzz/run.sh (-sanitize=fuzzer,address -DFUZZING): runs libFuzzer on the target DRTOP_FUZZ names.
/// A plain build replays inputs (seed corpora, crash reproducers) through a target instead:
/// drtop-fuzz TARGET FILE-OR-DIRECTORY...
@main
enum Entry {
    static func main() {
        #if FUZZING
        guard let name = ProcessInfo.processInfo.environment["DRTOP_FUZZ"], let chosen = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set DRTOP_FUZZ to one of: \(names)\n".utf8))
            exit(2)
        }
        target = chosen
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzOne))
        #else
        replay()
        #endif
    }

    static var names: String { FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ") }

    static func replay() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: drtop-fuzz TARGET FILE-OR-DIRECTORY... (TARGET: \(names))")
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                print("drtop-fuzz: \(path): no such file")
                exit(2)
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run(data)
                count += 1
            }
        }
        print("drtop-fuzz \(name): \(count) inputs, no crash")
    }
}
