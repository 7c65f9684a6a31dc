import DRCore
import DRSourceKit
import DRWire
import Foundation

/// Compares a pair's two buckets version by version, read-only and bounded: both sides' ListObjectVersions
/// walked in key order at once (a merge join, a page at a time, never the whole bucket in memory), each key's
/// version IDs compared (replicas keep their source's version ID), delete markers included. Canary objects
/// (`drtop-canary/`) are left out.
package struct BucketDiff: Sendable {
    let client: AWSClient

    /// Creates a diff over `client`.
    package init(client: AWSClient) {
        self.client = client
    }

    /// Compares `pair` under `prefix`, reading at most `maxVersions` entries a side; `progress` is told the
    /// keys compared so far.
    package func compare(pair: PairSpec, prefix: String = "", maxVersions: Int = 100_000, now: Date = Date(),
                        progress: @Sendable (Int) -> Void = { _ in }) async throws -> DiffReport {
        var left = VersionStream(client: client, bucket: pair.primary, prefix: prefix, limit: maxVersions)
        var right = VersionStream(client: client, bucket: pair.secondary, prefix: prefix, limit: maxVersions)
        var differences: [DiffReport.Difference] = []
        var keys = 0
        while true {
            let leftKey = try await left.peekKey()
            let rightKey = try await right.peekKey()
            if leftKey == nil, rightKey == nil { break }
            // A side cut at the limit knows nothing past its last key: stop there rather than call the other
            // side's later keys missing.
            if (leftKey == nil && left.truncated) || (rightKey == nil && right.truncated) { break }
            let key: String
            var here: [VersionStream.Entry] = []
            var there: [VersionStream.Entry] = []
            if let l = leftKey, rightKey == nil || VersionStream.precedes(l, rightKey!) {
                key = l
                here = try await left.nextGroup()
            } else if let r = rightKey, leftKey == nil || VersionStream.precedes(r, leftKey!) {
                key = r
                there = try await right.nextGroup()
            } else {
                key = leftKey!
                here = try await left.nextGroup()
                there = try await right.nextGroup()
            }
            keys += 1
            if keys % 1000 == 0 { progress(keys) }
            guard !key.hasPrefix(CanaryProber.prefix) else { continue }
            let hereIDs = Set(here.map(\.versionID)), thereIDs = Set(there.map(\.versionID))
            for entry in here where !thereIDs.contains(entry.versionID) {
                differences.append(difference(entry, in: pair.primary.name, notIn: pair.secondary.name))
            }
            for entry in there where !hereIDs.contains(entry.versionID) {
                differences.append(difference(entry, in: pair.secondary.name, notIn: pair.primary.name))
            }
        }
        return DiffReport(pair: pair.name, primary: pair.primary, secondary: pair.secondary, prefix: prefix,
                          takenAt: now, rpoSeconds: pair.rpoSeconds, keysCompared: keys, primaryVersions: left.read,
                          secondaryVersions: right.read, differences: differences,
                          partial: left.truncated || right.truncated)
    }

    private func difference(_ entry: VersionStream.Entry, in present: String, notIn missing: String)
        -> DiffReport.Difference {
        DiffReport.Difference(key: entry.key, versionID: entry.versionID, isDeleteMarker: entry.isDeleteMarker,
                              presentIn: present, missingFrom: missing, lastModified: entry.lastModified,
                              size: entry.size)
    }
}
