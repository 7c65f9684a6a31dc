import Foundation

/// What exactly is missing: both buckets of a pair compared version by version (S3 replicas keep their
/// source's version ID, so a replicated version has the same ID on both sides). Versions on one side only,
/// delete markers on one side only, with their ages; a comparison cut short says it is partial.
public struct DiffReport: Sendable, Equatable {
    /// One version (or delete marker) present on one side only.
    public struct Difference: Sendable, Equatable {
        public var key: String
        public var versionID: String
        public var isDeleteMarker: Bool
        /// The bucket that holds it; the other lacks it.
        public var presentIn: String
        public var missingFrom: String
        public var lastModified: Date
        public var size: Int64

        /// Creates a difference.
        public init(key: String, versionID: String, isDeleteMarker: Bool, presentIn: String, missingFrom: String,
                    lastModified: Date, size: Int64) {
            self.key = key
            self.versionID = versionID
            self.isDeleteMarker = isDeleteMarker
            self.presentIn = presentIn
            self.missingFrom = missingFrom
            self.lastModified = lastModified
            self.size = size
        }
    }

    public var pair: String
    public var primary: Bucket
    public var secondary: Bucket
    public var prefix: String
    public var takenAt: Date
    public var rpoSeconds: Double
    /// Keys compared, and versions (with delete markers) listed on each side.
    public var keysCompared: Int
    public var primaryVersions: Int
    public var secondaryVersions: Int
    /// Every difference found, in key order (the documents print at most `limit`).
    public var differences: [Difference]
    /// True when a side's listing was cut at the version limit: what was not compared is not known.
    public var partial: Bool

    /// Creates a report.
    public init(pair: String, primary: Bucket, secondary: Bucket, prefix: String, takenAt: Date, rpoSeconds: Double,
                keysCompared: Int, primaryVersions: Int, secondaryVersions: Int, differences: [Difference],
                partial: Bool) {
        self.pair = pair
        self.primary = primary
        self.secondary = secondary
        self.prefix = prefix
        self.takenAt = takenAt
        self.rpoSeconds = rpoSeconds
        self.keysCompared = keysCompared
        self.primaryVersions = primaryVersions
        self.secondaryVersions = secondaryVersions
        self.differences = differences
        self.partial = partial
    }

    /// Differences older than the pair's RPO: not replication in flight, data a failover would lose.
    public var stale: [Difference] {
        differences.filter { takenAt.timeIntervalSince($0.lastModified) > rpoSeconds }
    }

    /// Exit status of `drtop diff`: 0 the same, 1 differences all younger than the RPO (in flight), 2 older
    /// ones, 3 partial with none found (not known).
    public var exitCode: Int32 {
        if !stale.isEmpty { return 2 }
        if !differences.isEmpty { return 1 }
        return partial ? 3 : 0
    }

    /// The summary line.
    public var summary: String {
        let scope = prefix.isEmpty ? "" : " under '\(prefix)'"
        let compared = "\(Format.count(keysCompared)) key\(keysCompared == 1 ? "" : "s")\(scope) (\(Format.count(primaryVersions)) / "
            + "\(Format.count(secondaryVersions)) versions)"
        let partialNote = partial ? " — partial: the version limit was reached, the rest is not compared" : ""
        guard !differences.isEmpty else { return "\(pair): the same — \(compared)\(partialNote)" }
        func count(_ bucket: String, markers: Bool) -> Int {
            differences.filter { $0.presentIn == bucket && $0.isDeleteMarker == markers }.count
        }
        var parts: [String] = []
        for (from, to) in [(primary.name, secondary.name), (secondary.name, primary.name)] {
            let versions = count(from, markers: false), markers = count(from, markers: true)
            if versions > 0 { parts.append("\(Format.count(versions)) version\(versions == 1 ? "" : "s") in \(from) only") }
            if markers > 0 { parts.append("\(Format.count(markers)) delete marker\(markers == 1 ? "" : "s") in \(from) only (not in \(to))") }
        }
        let oldest = differences.map(\.lastModified).min().map { Format.duration(max(0, takenAt.timeIntervalSince($0))) }
        let staleNote = stale.isEmpty ? "all younger than the RPO (in flight)"
            : "\(Format.count(stale.count)) older than the RPO \(Format.duration(rpoSeconds))"
        return "\(pair): \(parts.joined(separator: ", ")); oldest \(oldest ?? "?"), \(staleNote) — compared \(compared)\(partialNote)"
    }

    /// The report for a person: the summary, then up to `limit` differences, oldest first.
    public func text(limit: Int = 50) -> String {
        var lines = [summary]
        for difference in differences.sorted(by: { $0.lastModified < $1.lastModified }).prefix(limit) {
            let age = Format.duration(max(0, takenAt.timeIntervalSince(difference.lastModified)))
            let what = difference.isDeleteMarker ? "delete marker" : Format.bytes(difference.size)
            lines.append("  \(difference.key)  \(difference.versionID)  \(what)  \(age) old  in \(difference.presentIn), "
                         + "not in \(difference.missingFrom)")
        }
        if differences.count > limit { lines.append("  … and \(Format.count(differences.count - limit)) more (--json lists up to 1,000)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `drtop.diff/1` JSON document (at most 1,000 differences, oldest first; counts are whole).
    public func json() -> JSONValue {
        .object([
            ("schema", .string("drtop.diff/1")), ("taken_at", .string(SnapshotDocument.iso8601(takenAt))),
            ("pair", .string(pair)), ("prefix", .string(prefix)),
            ("primary", .object([("bucket", .string(primary.name)), ("region", .string(primary.region)),
                                 ("versions", .number(primaryVersions))])),
            ("secondary", .object([("bucket", .string(secondary.name)), ("region", .string(secondary.region)),
                                   ("versions", .number(secondaryVersions))])),
            ("keys_compared", .number(keysCompared)), ("partial", .bool(partial)),
            ("differences_count", .number(differences.count)),
            ("older_than_rpo_count", .number(stale.count)),
            ("differences", .array(differences.sorted { $0.lastModified < $1.lastModified }.prefix(1000).map { item in
                .object([
                    ("key", .string(item.key)), ("version_id", .string(item.versionID)),
                    ("delete_marker", .bool(item.isDeleteMarker)), ("present_in", .string(item.presentIn)),
                    ("missing_from", .string(item.missingFrom)),
                    ("last_modified", .string(SnapshotDocument.iso8601(item.lastModified))),
                    ("age_seconds", .number(max(0, takenAt.timeIntervalSince(item.lastModified)).rounded())),
                    ("size", .number(item.size)),
                ])
            })),
        ])
    }
}
