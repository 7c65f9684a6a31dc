import DRCore
import DRSourceKit
import DRWire
import Foundation
import TOMLKit

/// Reads and validates drtop's TOML configuration. Every problem is one line naming the file, the line and
/// the key; nothing is polled from a configuration that does not validate.
///
/// ```toml
/// profile = "prod"             # AWS profile (default: AWS_PROFILE, then "default")
/// refresh = "2s"               # poll interval
/// config_refresh = "5m"        # how often replication and versioning settings are re-read
/// connect_timeout = "3s"
/// request_timeout = "10s"
/// rpo = "15m"                  # for pairs that name neither rpo nor strategy
/// discover = false             # true: build the pairs from the account's replication rules
///
/// [thresholds]
/// warning = 50                 # percent of RPO
/// breach = 100
/// stale_after = "10m"
///
/// [regions.us-west-2]
/// endpoint = "http://127.0.0.1:5000"   # S3-compatible store or local server
///
/// [[pair]]
/// name = "prod-assets"
/// primary = { bucket = "assets-use1", region = "us-east-1",
///             events = "https://sqs.us-east-1.amazonaws.com/123456789012/drtop-events" }  # optional
/// secondary = { bucket = "assets-usw2", region = "us-west-2",
///               profile = "dr" }                   # optional: another account (or role_arn = "arn:aws:iam::…")
/// rpo = "15m"
/// strategy = "pilot-light"     # backup-and-restore, pilot-light, warm-standby, active-active
/// rto = "15m"                  # optional; else the strategy's band
/// [pair.routing]               # optional: what routes the pair's users (PairRoutingReader)
/// mrap = "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap"
/// [pair.backup]                # optional: the AWS Backup vault of the primary bucket
/// vault = "prod-vault"
/// ```
package enum ConfigLoader {
    static let topKeys: Set<String> = ["profile", "refresh", "config_refresh", "connect_timeout", "request_timeout",
                                       "rpo", "discover", "thresholds", "regions", "pair", "ceph"]
    static let thresholdKeys: Set<String> = ["warning", "breach", "stale_after"]
    static let pairKeys: Set<String> = ["name", "primary", "secondary", "rpo", "strategy", "rto", "routing", "backup"]
    static let sideKeys: Set<String> = ["bucket", "region", "events", "profile", "role_arn"]

    /// Reads `path`. `defaultRPO`, when given (the --rpo flag), replaces the file's default RPO.
    package static func load(path: String, defaultRPO: Double? = nil) throws -> DrtopConfig {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue { throw ConfigError("\(path): is a directory, not a configuration file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): \(exists ? "cannot be read (permissions?)" : "no such file")")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("\(path): not UTF-8 text")
        }
        return try parse(text, path: path, defaultRPO: defaultRPO)
    }

    /// Parses configuration `text` read from `path`.
    /// `guarded` (the default) first parses in a forked child, so that a file the TOML library would abort on
    /// is an error, not a crash.
    package static func parse(_ text: String, path: String, defaultRPO: Double? = nil, guarded: Bool = true) throws
        -> DrtopConfig {
        // 16 MiB: room for tens of thousands of pairs, not for a log file given by mistake.
        if text.utf8.count > 16 << 20 { throw ConfigError("\(path): larger than 16 MiB; is this the right file?") }
        if text.contains("\0") { throw ConfigError("\(path): binary data, not TOML") }
        let lines = ConfigLines(text)
        if let bad = TableHeaderCheck.firstProblem(text) {
            let saw = bad.saw.map { ", saw '\($0)'" } ?? ""
            throw ConfigError("\(path):\(bad.line): table header: expected a table name after '['\(saw)")
        }
        if guarded, let failure = TOMLGuard.check(text) {
            throw ConfigError("\(path): \(failure)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // Name the key of the line and what it takes, not only the TOML library's words.
            let number = error.source.begin.line
            let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = number >= 1 && number <= rows.count ? String(rows[number - 1]) : ""
            throw ConfigError("\(path):\(number): \(SyntaxMessage.describe(line: line, library: error.description))")
        } catch {
            throw ConfigError("\(path): not valid TOML")
        }
        // Nothing read from the tree outlives this function (the configuration holds Swift values only).
        defer { TOMLRelease.free(table) }
        var config = DrtopConfig(path: path)
        let reader = Reader(path: path, lines: lines)
        try reader.unknownKeys(table, allowed: topKeys, section: nil, index: nil)
        config.profile = try reader.string(table, "profile", section: nil)
        config.refreshSeconds = try reader.duration(table, "refresh", section: nil)
        config.configRefreshSeconds = try reader.duration(table, "config_refresh", section: nil) ?? Defaults.configRefreshSeconds
        config.connectTimeoutSeconds = try reader.duration(table, "connect_timeout", section: nil) ?? Defaults.connectTimeoutSeconds
        config.requestTimeoutSeconds = try reader.duration(table, "request_timeout", section: nil)
        config.defaultRPOSeconds = try defaultRPO ?? reader.duration(table, "rpo", section: nil) ?? Defaults.rpoSeconds
        config.discover = try reader.bool(table, "discover", section: nil) ?? false
        if let thresholds = try reader.table(table, "thresholds", section: nil) {
            try reader.unknownKeys(thresholds, allowed: thresholdKeys, section: "thresholds", index: nil)
            let warning = try reader.number(thresholds, "warning", section: "thresholds") ?? Defaults.warningPercent
            let breach = try reader.number(thresholds, "breach", section: "thresholds") ?? Defaults.breachPercent
            guard warning > 0, warning <= breach else {
                throw reader.error("thresholds", "warning", nil, "warning must be above 0 and at most breach")
            }
            config.thresholds.warningShare = warning / 100
            config.thresholds.breachShare = breach / 100
            config.thresholds.staleAfterSeconds = try reader.duration(thresholds, "stale_after", section: "thresholds")
                ?? config.thresholds.staleAfterSeconds
        }
        if let regions = try reader.table(table, "regions", section: nil) {
            for name in regions.keys {
                guard RegionName.isStoreName(name) else {
                    throw reader.error("regions", name, nil, "'\(name)' is not a region name (like us-east-1, or "
                                       + "a store's own name: letters, digits, '-', '_', '.')")
                }
                guard let region = regions[name]?.table else {
                    throw reader.error("regions", name, nil, "expected a table with endpoint = \"https://…\"")
                }
                try reader.unknownKeys(region, allowed: ["endpoint"], section: "regions.\(name)", index: nil)
                if let endpoint = try reader.string(region, "endpoint", section: "regions.\(name)") {
                    guard let url = URL(string: endpoint), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                    else {
                        throw reader.error("regions.\(name)", "endpoint", nil, "'\(endpoint)' is not an http(s) URL")
                    }
                    config.endpoints[name] = url
                }
                // A store's own region name needs the store's endpoint: AWS's rules apply where AWS answers.
                if !RegionName.isValid(name), config.endpoints[name].map(RegionName.isAWSHost) ?? true {
                    throw reader.error("regions", name, nil, "'\(name)' is not an AWS region name (like us-east-1); "
                                       + "for an S3-compatible store's region, give its endpoint = \"https://…\" here")
                }
            }
        }
        config.pairs = try pairs(table, reader: reader, defaultRPO: config.defaultRPOSeconds,
                                 storeRegions: Set(config.endpoints.filter { !RegionName.isAWSHost($0.value) }.keys),
                                 events: &config.eventQueues, accounts: &config.bucketAccounts)
        config.ceph = try CephConfigReader.read(table, reader: reader, defaultRPO: config.defaultRPOSeconds)
        if config.pairs.isEmpty, !config.discover, config.ceph == nil {
            throw ConfigError("\(path): no [[pair]] configured (add one, or set discover = true)")
        }
        return config
    }

    /// The `[[pair]]` tables. `storeRegions` are the regions whose endpoint is not AWS's: their names are the
    /// store's own.
    private static func pairs(_ table: TOMLTable, reader: Reader, defaultRPO: Double, storeRegions: Set<String>,
                              events: inout [String: URL], accounts: inout [String: BucketAccount]) throws -> [PairSpec] {
        guard let value = table["pair"] else { return [] }
        guard let array = value.array else {
            throw reader.error(nil, "pair", nil, "expected [[pair]] tables")
        }
        var pairs: [PairSpec] = []
        for index in 0..<array.count {
            guard let pair = array[index].table else {
                throw reader.error(nil, "pair", index, "expected a table")
            }
            try reader.unknownKeys(pair, allowed: pairKeys, section: "pair", index: index)
            guard let name = try reader.string(pair, "name", section: "pair", index: index), !name.isEmpty else {
                throw reader.error("pair", "name", index, "missing (every pair needs a name)")
            }
            if pairs.contains(where: { $0.name == name }) {
                throw reader.error("pair", "name", index, "duplicate pair name '\(name)'")
            }
            let primary = try side(pair, "primary", index, reader, storeRegions: storeRegions, events: &events,
                                   accounts: &accounts)
            let secondary = try side(pair, "secondary", index, reader, storeRegions: storeRegions, events: &events,
                                     accounts: &accounts)
            if primary.name == secondary.name {
                throw reader.error("pair", "secondary", index, "both sides are bucket '\(primary.name)'")
            }
            var strategy: DRStrategy?
            if let text = try reader.string(pair, "strategy", section: "pair", index: index) {
                guard let parsed = DRStrategy(rawValue: text) else {
                    let names = DRStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.error("pair", "strategy", index, "'\(text)' is not one of \(names)")
                }
                strategy = parsed
            }
            let rpo = try reader.duration(pair, "rpo", section: "pair", index: index)
            if rpo == 0 { throw reader.error("pair", "rpo", index, "must be above zero") }
            var spec = PairSpec(name: name, primary: primary, secondary: secondary,
                                rpoSeconds: PairSpec.rpo(explicit: rpo, strategy: strategy, fallback: defaultRPO),
                                strategy: strategy)
            spec.rtoSeconds = try PairRoutingReader.rto(pair, index: index, reader: reader)
            spec.routing = try PairRoutingReader.routing(pair, index: index, regions: [primary.region, secondary.region],
                                                         reader: reader)
            spec.backupVault = try PairRoutingReader.backupVault(pair, index: index, reader: reader)
            pairs.append(spec)
        }
        return pairs
    }

    private static func side(_ pair: TOMLTable, _ key: String, _ index: Int, _ reader: Reader,
                             storeRegions: Set<String>, events: inout [String: URL],
                             accounts: inout [String: BucketAccount]) throws -> Bucket {
        guard let value = pair[key] else {
            throw reader.error("pair", key, index, "missing (\(key) = { bucket = \"…\", region = \"…\" })")
        }
        guard let table = value.table else {
            throw reader.error("pair", key, index, "expected { bucket = \"…\", region = \"…\" }")
        }
        try reader.unknownKeys(table, allowed: sideKeys, section: "pair", index: index, prefix: "\(key).")
        guard let bucket = try reader.string(table, "bucket", section: "pair", index: index, prefix: "\(key)."),
              !bucket.isEmpty else {
            throw reader.error("pair", "\(key).bucket", index, "missing")
        }
        guard BucketName.isValid(bucket) else {
            throw reader.error("pair", "\(key).bucket", index, "'\(bucket)' is not a valid S3 bucket name")
        }
        guard let region = try reader.string(table, "region", section: "pair", index: index, prefix: "\(key).") else {
            throw reader.error("pair", "\(key).region", index, "missing")
        }
        guard RegionName.isValid(region) || storeRegions.contains(region) else {
            let fix = RegionName.isStoreName(region)
                ? "; for an S3-compatible store's region, give it [regions.\(region)] endpoint = \"https://…\"" : ""
            throw reader.error("pair", "\(key).region", index, "'\(region)' is not a region name (like us-east-1)\(fix)")
        }
        if let text = try reader.string(table, "events", section: "pair", index: index, prefix: "\(key).") {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host?.isEmpty == false, url.path.count > 1 else {
                throw reader.error("pair", "\(key).events", index,
                                   "'\(text)' is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE)")
            }
            if let host = url.host?.lowercased(), host.hasPrefix("sqs."), host.hasSuffix(".amazonaws.com"),
               !host.contains(".\(region).") {
                throw reader.error("pair", "\(key).events", index,
                                   "the queue is not in \(region): S3 sends a bucket's events only to a queue in its region")
            }
            events[bucket] = url
        }
        // Cross-account pairs: this side read with a profile of its own, or a role assumed for it.
        let profile = try reader.string(table, "profile", section: "pair", index: index, prefix: "\(key).")
        let role = try reader.string(table, "role_arn", section: "pair", index: index, prefix: "\(key).")
        if profile != nil, role != nil {
            throw reader.error("pair", "\(key).role_arn", index, "give profile or role_arn, not both")
        }
        if let profile {
            guard !profile.isEmpty else { throw reader.error("pair", "\(key).profile", index, "empty") }
            accounts[bucket] = .profile(profile)
        }
        if let role {
            guard role.hasPrefix("arn:"), role.contains(":role/") else {
                throw reader.error("pair", "\(key).role_arn", index,
                                   "'\(role)' is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)")
            }
            accounts[bucket] = .role(role)
        }
        return Bucket(name: bucket, region: region)
    }
}
