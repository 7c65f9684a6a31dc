import Foundation

/// A temporary HOME with a drtop configuration for the first `pairs` pairs that `world.py` builds
/// (w{i}-use1 in us-east-1 ⇄ w{i}-usw2 in us-west-2), both regions served by `endpoint`.
package final class WorldConfig {
    /// The temporary home folder (removed on deinit).
    package let home: URL
    /// The configuration file's path.
    package let path: String

    package init(endpoint: String, pairs: Int, refresh: String, rpo: String? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var toml = "refresh = \"\(refresh)\"\n"
        for region in ["us-east-1", "us-west-2"] { toml += "[regions.\(region)]\nendpoint = \"\(endpoint)\"\n" }
        for index in 0..<pairs {
            toml += "[[pair]]\nname = \"pair-\(index)\"\n"
            toml += "primary = { bucket = \"w\(index)-use1\", region = \"us-east-1\" }\n"
            toml += "secondary = { bucket = \"w\(index)-usw2\", region = \"us-west-2\" }\n"
            if let rpo { toml += "rpo = \"\(rpo)\"\n" }
        }
        path = home.appendingPathComponent("drtop.toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: home) }
}
