import DRCore
import Foundation

/// One bucket index shard's sync position at a destination zone, as it answers
/// `GET /admin/log/?type=bucket-index&status&source-zone=ID&bucket=NAME:INSTANCE` (one entry per shard).
package struct CephBucketShardStatus: Sendable, Equatable {
    /// "init", "full-sync", "incremental-sync" (or "stopped").
    package var state: String
    /// The last source bucket index log position applied ("" when none).
    package var position: String

    /// Creates a shard status.
    package init(state: String, position: String) {
        self.state = state
        self.position = position
    }

    /// Parses the JSON answer: an array of shard statuses, in shard order.
    package static func parse(_ data: Data, what: String) throws -> [CephBucketShardStatus] {
        let root = try? JSONSerialization.jsonObject(with: data)
        // Newer releases wrap the array as {"status": [...]}.
        guard let shards = root as? [[String: Any]] ?? (root as? [String: Any])?["status"] as? [[String: Any]] else {
            throw SourceProblem(.badResponse, "\(what): no shard statuses in the answer")
        }
        return shards.map { shard in
            let inc = shard["inc_marker"] as? [String: Any]
            return CephBucketShardStatus(state: shard["status"] as? String ?? "", position: inc?["position"] as? String ?? "")
        }
    }
}
