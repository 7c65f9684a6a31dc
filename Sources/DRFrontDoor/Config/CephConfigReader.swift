import DRCeph
import DRCore
import DRSourceKit
import Foundation
import TOMLKit

/// Reads the `[ceph]` table (`CephConfig`) with the same errors as the rest of the file: one line naming the
/// file, the line and the key.
enum CephConfigReader {
    static let keys: Set<String> = ["endpoint", "profile", "rpo", "strategy", "zones", "buckets"]
    static let bucketKeys: Set<String> = ["rpo", "strategy"]

    /// The `[ceph]` table of `table`, or nil when there is none. `defaultRPO` applies when it names neither
    /// `rpo` nor `strategy`.
    static func read(_ table: TOMLTable, reader: Reader, defaultRPO: Double) throws -> CephConfig? {
        guard let ceph = try reader.table(table, "ceph", section: nil) else { return nil }
        try reader.unknownKeys(ceph, allowed: keys, section: "ceph", index: nil)
        guard let text = try reader.string(ceph, "endpoint", section: "ceph") else {
            throw reader.error("ceph", "endpoint", nil,
                               "missing (endpoint = \"http://…\": any one gateway of the realm)")
        }
        let endpoint = try url(text, reader: reader, section: "ceph")
        let (rpo, strategy) = try target(ceph, section: "ceph", reader: reader)
        var config = CephConfig(endpoint: endpoint, profile: try reader.string(ceph, "profile", section: "ceph"),
                                rpoSeconds: PairSpec.rpo(explicit: rpo, strategy: strategy, fallback: defaultRPO),
                                strategy: strategy)
        if let buckets = try reader.table(ceph, "buckets", section: "ceph") {
            for name in buckets.keys.sorted() {
                let section = "ceph.buckets.\(name)"
                guard let bucket = buckets[name]?.table else {
                    throw reader.error("ceph.buckets", name, nil, "expected a table with rpo = \"…\" or strategy = \"…\"")
                }
                try reader.unknownKeys(bucket, allowed: bucketKeys, section: section, index: nil)
                let (rpo, own) = try target(bucket, section: section, reader: reader)
                guard rpo != nil || own != nil else {
                    throw reader.error("ceph.buckets", name, nil, "give rpo = \"…\" or strategy = \"…\" (else the [ceph] RPO applies)")
                }
                config.buckets[name] = CephBucketTarget(
                    rpoSeconds: PairSpec.rpo(explicit: rpo, strategy: own, fallback: config.rpoSeconds),
                    strategy: own ?? strategy)
            }
        }
        if let zones = try reader.table(ceph, "zones", section: "ceph") {
            for name in zones.keys.sorted() {
                let section = "ceph.zones.\(name)"
                guard let zone = zones[name]?.table else {
                    throw reader.error("ceph.zones", name, nil, "expected a table with endpoint = \"http://…\"")
                }
                try reader.unknownKeys(zone, allowed: ["endpoint"], section: section, index: nil)
                if let text = try reader.string(zone, "endpoint", section: section) {
                    config.zoneEndpoints[name] = try url(text, reader: reader, section: section)
                }
            }
        }
        return config
    }

    /// The `rpo` and `strategy` of a `[ceph]` or `[ceph.buckets.NAME]` table.
    private static func target(_ table: TOMLTable, section: String, reader: Reader) throws
        -> (rpo: Double?, strategy: DRStrategy?) {
        var strategy: DRStrategy?
        if let name = try reader.string(table, "strategy", section: section) {
            guard let parsed = DRStrategy(rawValue: name) else {
                let names = DRStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error(section, "strategy", nil, "'\(name)' is not one of \(names)")
            }
            strategy = parsed
        }
        let rpo = try reader.duration(table, "rpo", section: section)
        if rpo == 0 { throw reader.error(section, "rpo", nil, "must be above zero") }
        return (rpo, strategy)
    }

    private static func url(_ text: String, reader: Reader, section: String) throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else {
            throw reader.error(section, "endpoint", nil, "'\(text)' is not an http(s) URL")
        }
        return url
    }
}
