import DRRender
import Foundation

/// Writes an exported failover report and answers with the event that tells the UI where it went (the full
/// path, on screen). Where: `--export-dir`, else `$XDG_STATE_HOME/drtop`, else the directory drtop was started
/// in; the temporary directory when none of those can be written.
enum ReportExport {
    /// The directories to try, in order.
    static func directories(exportDir: String?, environment: [String: String]) -> [String] {
        var list: [String] = []
        if let exportDir, !exportDir.isEmpty { list.append(exportDir) }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            list.append(URL(fileURLWithPath: state).appendingPathComponent("drtop").path)
        }
        list.append(FileManager.default.currentDirectoryPath)
        list.append(NSTemporaryDirectory())
        return list
    }

    static func write(_ markdown: String, named name: String, to directories: [String]) -> AppEvent {
        var lastError = "no writable directory"
        for directory in directories {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).standardizedFileURL.path
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try markdown.write(toFile: path, atomically: true, encoding: .utf8)
                return .exported(path: path)
            } catch {
                lastError = "\(path): \(error.localizedDescription)"
            }
        }
        return .exportFailed(lastError)
    }
}
