import DRRender
import Foundation

/// Writes an exported failover report next to where drtop was started (or to the temporary directory when
/// that is not writable) and answers with the event that tells the UI where it went.
enum ReportExport {
    static func write(_ markdown: String, named name: String) -> AppEvent {
        let directories = [FileManager.default.currentDirectoryPath, NSTemporaryDirectory()]
        var lastError = "no writable directory"
        for directory in directories {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            do {
                try markdown.write(toFile: path, atomically: true, encoding: .utf8)
                return .exported(path: path)
            } catch {
                lastError = "\(path): \(error.localizedDescription)"
            }
        }
        return .exportFailed(lastError)
    }
}
