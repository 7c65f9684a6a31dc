import DRCore
import Foundation
import TOMLKit

/// Reads the `[ceph]` table (`CephConfig`) with the same errors as the rest of the file: one line naming the
/// file, the line and the key.
enum CephConfigReader {
    static let keys: Set<String> = ["endpoint", "profile", "rpo", "strategy", "zones"]

    /// The `[ceph]` table of `table`, or nil when there is none. `defaultRPO` applies when it names neither
    /// `rpo` nor `strategy`.
    static func read(_ table: TOMLTable, reader: Reader, defaultRPO: Double) throws -> CephConfig? {
        guard let ceph = try reader.table(table, "ceph", section: nil) else { return nil }
        try reader.unknownKeys(ceph, allowed: keys, section: "ceph", index: nil)
        // Not silently one or the other: one source per file, for now.
        if table["pair"] != nil || table["discover"]?.bool == true {
            throw reader.error("ceph", "endpoint", nil,
                               "a file with [ceph] cannot also hold [[pair]] or discover = true yet (use two files)")
        }
        guard let text = try reader.string(ceph, "endpoint", section: "ceph") else {
            throw reader.error("ceph", "endpoint", nil,
                               "missing (endpoint = \"http://…\": any one gateway of the realm)")
        }
        let endpoint = try url(text, reader: reader, section: "ceph")
        var strategy: DRStrategy?
        if let name = try reader.string(ceph, "strategy", section: "ceph") {
            guard let parsed = DRStrategy(rawValue: name) else {
                let names = DRStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error("ceph", "strategy", nil, "'\(name)' is not one of \(names)")
            }
            strategy = parsed
        }
        let rpo = try reader.duration(ceph, "rpo", section: "ceph")
        if rpo == 0 { throw reader.error("ceph", "rpo", nil, "must be above zero") }
        var config = CephConfig(endpoint: endpoint, profile: try reader.string(ceph, "profile", section: "ceph"),
                                rpoSeconds: PairSpec.rpo(explicit: rpo, strategy: strategy, fallback: defaultRPO),
                                strategy: strategy)
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

    private static func url(_ text: String, reader: Reader, section: String) throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else {
            throw reader.error(section, "endpoint", nil, "'\(text)' is not an http(s) URL")
        }
        return url
    }
}
