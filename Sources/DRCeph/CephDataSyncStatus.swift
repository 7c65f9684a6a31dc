import DRCore
import Foundation

/// A destination zone's data sync state for one source zone, as the destination answers
/// `GET /admin/log/?type=data&status&source-zone=ID`: the overall state and, per data log shard, its state
/// and the marker of the last source log entry applied.
package struct CephDataSyncStatus: Sendable, Equatable {
    /// One shard's sync position.
    package struct Marker: Sendable, Equatable {
        /// "full-sync" or "incremental-sync".
        package var state: String
        /// The last source log marker applied ("" when none yet).
        package var marker: String

        /// Creates a marker.
        package init(state: String, marker: String) {
            self.state = state
            self.marker = marker
        }

        /// Whether the shard follows the source's log (as opposed to copying everything in full sync).
        package var isIncremental: Bool { state == "incremental-sync" }
    }

    /// "init", "preparing", "building-full-sync-maps" or "sync".
    package var state: String
    /// Number of data log shards.
    package var numShards: Int
    /// Sync positions by shard.
    package var markers: [Int: Marker]

    /// Creates a status.
    package init(state: String, numShards: Int, markers: [Int: Marker]) {
        self.state = state
        self.numShards = numShards
        self.markers = markers
    }

    /// Parses the JSON answer.
    package static func parse(_ data: Data, what: String) throws -> CephDataSyncStatus {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let info = root["info"] as? [String: Any] else {
            throw SourceProblem(.badResponse, "\(what): no sync info in the answer")
        }
        var markers: [Int: Marker] = [:]
        for entry in root["markers"] as? [[String: Any]] ?? [] {
            guard let shard = (entry["key"] as? NSNumber)?.intValue, let value = entry["val"] as? [String: Any] else {
                continue
            }
            markers[shard] = Marker(state: value["status"] as? String ?? "", marker: value["marker"] as? String ?? "")
        }
        return CephDataSyncStatus(state: info["status"] as? String ?? "", numShards: (info["num_shards"] as? NSNumber)?.intValue
                                  ?? markers.count, markers: markers)
    }
}
