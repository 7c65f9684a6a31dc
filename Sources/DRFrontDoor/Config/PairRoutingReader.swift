import DRCore
import DRWire
import Foundation
import TOMLKit

/// A pair's `rto`, `[pair.routing]` and `[pair.backup]` (issue 15): what routes the pair's users and where its
/// backups are. Every ARN must be of its service's kind, and each ARC control must be for one of the pair's two
/// regions.
///
/// ```toml
/// rto = "15m"
/// [pair.routing]
/// route53 = { zone_id = "Z0123456789", name = "assets.example.com." }
/// mrap = "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap"
/// arc = { cluster = "arn:aws:route53-recovery-control::123456789012:cluster/…",
///         controls = { "us-east-1" = "arn:…/routingcontrol/…", "us-west-2" = "arn:…/routingcontrol/…" } }
/// accelerator = "arn:aws:globalaccelerator::123456789012:accelerator/…"
/// [pair.backup]
/// vault = "prod-vault"
/// ```
enum PairRoutingReader {
    static let routingKeys: Set<String> = ["route53", "mrap", "arc", "accelerator"]
    static let route53Keys: Set<String> = ["zone_id", "name"]
    static let arcKeys: Set<String> = ["cluster", "controls"]
    static let backupKeys: Set<String> = ["vault"]

    /// The RTO of pair `index` (nil: the strategy's band); above zero.
    static func rto(_ pair: TOMLTable, index: Int, reader: Reader) throws -> Double? {
        let rto = try reader.duration(pair, "rto", section: "pair", index: index)
        if rto == 0 { throw reader.error("pair", "rto", index, "must be above zero") }
        return rto
    }

    /// The routing of pair `index`, whose sides are in `regions`.
    static func routing(_ pair: TOMLTable, index: Int, regions: [String], reader: Reader) throws -> PairRouting {
        guard let value = pair["routing"] else { return .none }
        guard let table = value.table else {
            throw reader.error("pair", "routing", index, "expected a table ([pair.routing]), found \(value.type)")
        }
        try reader.unknownKeys(table, allowed: routingKeys, section: "pair", index: index, prefix: "routing.")
        var routing = PairRouting()
        if let value = table["route53"] {
            guard let route53 = value.table else {
                throw reader.error("pair", "routing.route53", index,
                                   "expected { zone_id = \"Z…\", name = \"app.example.com.\" }")
            }
            try reader.unknownKeys(route53, allowed: route53Keys, section: "pair", index: index, prefix: "routing.route53.")
            let prefix = "routing.route53."
            guard let zone = try reader.string(route53, "zone_id", section: "pair", index: index, prefix: prefix) else {
                throw reader.error("pair", prefix + "zone_id", index, "missing (the hosted zone's ID, e.g. \"Z0123456789\")")
            }
            let zoneID = zone.hasPrefix("/hostedzone/") ? String(zone.dropFirst("/hostedzone/".count)) : zone
            guard !zoneID.isEmpty, zoneID.count <= 32, zoneID.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            else {
                throw reader.error("pair", prefix + "zone_id", index,
                                   "'\(zone)' is not a hosted zone ID (upper-case letters and digits, e.g. Z0123456789)")
            }
            guard let name = try reader.string(route53, "name", section: "pair", index: index, prefix: prefix) else {
                throw reader.error("pair", prefix + "name", index, "missing (the failover records' name, e.g. \"app.example.com.\")")
            }
            guard isDNSName(name) else {
                throw reader.error("pair", prefix + "name", index, "'\(name)' is not a DNS name (e.g. app.example.com.)")
            }
            routing.route53 = PairRouting.Route53Name(zoneID: zoneID, name: name.lowercased())
        }
        if let text = try reader.string(table, "mrap", section: "pair", index: index, prefix: "routing.") {
            guard let arn = ARN(text), arn.isResource(of: "s3", "accesspoint/"), arn.region.isEmpty,
                  arn.resource.hasSuffix(".mrap") else {
                throw reader.error("pair", "routing.mrap", index, "'\(text)' is not a Multi-Region Access Point ARN "
                                   + "(arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap)")
            }
            routing.mrapARN = text
        }
        if let value = table["arc"] {
            routing.arc = try arc(value, index: index, regions: regions, reader: reader)
        }
        if let text = try reader.string(table, "accelerator", section: "pair", index: index, prefix: "routing.") {
            guard let arn = ARN(text), arn.isResource(of: "globalaccelerator", "accelerator/") else {
                throw reader.error("pair", "routing.accelerator", index, "'\(text)' is not a Global Accelerator ARN "
                                   + "(arn:aws:globalaccelerator::ACCOUNT:accelerator/ID)")
            }
            routing.acceleratorARN = text
        }
        return routing
    }

    private static func arc(_ value: TOMLValueConvertible, index: Int, regions: [String], reader: Reader) throws
        -> PairRouting.ARCControls {
        let prefix = "routing.arc."
        guard let table = value.table else {
            throw reader.error("pair", "routing.arc", index,
                               "expected { cluster = \"arn:…\", controls = { \"REGION\" = \"arn:…\" } }")
        }
        try reader.unknownKeys(table, allowed: arcKeys, section: "pair", index: index, prefix: prefix)
        guard let cluster = try reader.string(table, "cluster", section: "pair", index: index, prefix: prefix) else {
            throw reader.error("pair", prefix + "cluster", index, "missing (the ARC cluster's ARN)")
        }
        guard let clusterARN = ARN(cluster), clusterARN.isResource(of: "route53-recovery-control", "cluster/") else {
            throw reader.error("pair", prefix + "cluster", index, "'\(cluster)' is not an ARC cluster ARN "
                               + "(arn:aws:route53-recovery-control::ACCOUNT:cluster/ID)")
        }
        guard let value = table["controls"] else {
            throw reader.error("pair", prefix + "controls", index,
                               "missing (controls = { \"\(regions.first ?? "REGION")\" = \"arn:…\" })")
        }
        guard let controls = value.table, !controls.keys.isEmpty else {
            throw reader.error("pair", prefix + "controls", index,
                               "expected { \"\(regions.first ?? "REGION")\" = \"arn:…/routingcontrol/…\", … }")
        }
        var out: [String: String] = [:]
        for region in controls.keys.sorted() {
            let key = prefix + "controls." + region
            guard regions.contains(region) else {
                throw reader.error("pair", key, index, "'\(region)' is not one of the pair's regions "
                                   + "(\(regions.joined(separator: ", ")))")
            }
            guard let text = controls[region]?.string else {
                throw reader.error("pair", key, index, "expected a routing control ARN in quotes")
            }
            guard let arn = ARN(text), arn.isResource(of: "route53-recovery-control", "controlpanel/"),
                  arn.resource.contains("/routingcontrol/") else {
                throw reader.error("pair", key, index, "'\(text)' is not a routing control ARN "
                                   + "(arn:aws:route53-recovery-control::ACCOUNT:controlpanel/ID/routingcontrol/ID)")
            }
            out[region] = text
        }
        return PairRouting.ARCControls(clusterARN: cluster, controls: out)
    }

    /// The backup vault of pair `index` (`[pair.backup] vault`), when named.
    static func backupVault(_ pair: TOMLTable, index: Int, reader: Reader) throws -> String? {
        guard let value = pair["backup"] else { return nil }
        guard let table = value.table else {
            throw reader.error("pair", "backup", index, "expected a table ([pair.backup] with vault = \"…\"), found \(value.type)")
        }
        try reader.unknownKeys(table, allowed: backupKeys, section: "pair", index: index, prefix: "backup.")
        guard let vault = try reader.string(table, "vault", section: "pair", index: index, prefix: "backup.") else {
            return nil
        }
        // AWS Backup's vault names: 2 to 50 letters, digits, '-' and '_'.
        guard (2...50).contains(vault.count), vault.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
        else {
            throw reader.error("pair", "backup.vault", index,
                               "'\(vault)' is not a backup vault name (2 to 50 letters, digits, '-' and '_')")
        }
        return vault
    }

    /// Labels of letters, digits, '-' and '_' (1 to 63 each) joined by dots, at most 255 in all, a final dot allowed.
    static func isDNSName(_ name: String) -> Bool {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        guard !trimmed.isEmpty, trimmed.count <= 253 else { return false }
        return trimmed.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_*".contains($0)) }
        }
    }
}
