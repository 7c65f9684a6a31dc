import DRCore
import Foundation

/// The head of each bucket index log shard of a bucket at its source zone, as it answers
/// `GET /admin/log/?type=bucket-index&info&bucket-instance=NAME:INSTANCE`: `max_marker` is "0#m0,1#m1,…"
/// ("N#" for a shard with no entry).
package enum CephBucketLogHeads {
    /// The marker of each shard's newest entry ("" when the shard has none).
    package static func parse(_ data: Data, what: String) throws -> [Int: String] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = root["max_marker"] as? String else {
            throw SourceProblem(.badResponse, "\(what): no max_marker in the answer")
        }
        var heads: [Int: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let hash = part.firstIndex(of: "#") else {
                // A bucket with one unsharded index has its marker alone.
                if !part.isEmpty || text.isEmpty { heads[0] = String(part) }
                continue
            }
            guard let shard = Int(part[..<hash]) else {
                throw SourceProblem(.badResponse, "\(what): '\(part)' is not SHARD#MARKER")
            }
            heads[shard] = String(part[part.index(after: hash)...])
        }
        return heads
    }
}
