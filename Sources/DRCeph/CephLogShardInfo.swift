import DRCore
import Foundation

/// One data log shard's head as its zone answers `GET /admin/log/?type=data&id=N&info`.
package struct CephLogShardInfo: Sendable, Equatable {
    /// The marker of the shard's newest entry ("" when the shard has none).
    package var marker: String
    /// When the newest entry was written (nil when never).
    package var lastUpdate: Date?

    /// Creates a shard head.
    package init(marker: String, lastUpdate: Date?) {
        self.marker = marker
        self.lastUpdate = lastUpdate
    }

    /// Parses the JSON answer.
    package static func parse(_ data: Data, what: String) throws -> CephLogShardInfo {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let marker = root["marker"] as? String else {
            throw SourceProblem(.badResponse, "\(what): no marker in the answer")
        }
        return CephLogShardInfo(marker: marker, lastUpdate: CephTime.parse(root["last_update"] as? String))
    }
}
