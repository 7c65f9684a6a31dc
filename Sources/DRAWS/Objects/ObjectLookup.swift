import DRCore
import DRSourceKit
import DRWire
import Foundation

/// Answers "is this object replicated?" for one key of a pair, read-only: HEAD of the key (or of one version)
/// on both sides, the side whose `x-amz-replication-status` is PENDING, COMPLETED or FAILED taken as the one it
/// was written to, the same version on the other side (S3 keeps the version ID on replicas), and each side's
/// versions of the key (ListObjectVersions under the key as prefix, one page).
package struct ObjectLookup: Sendable {
    let client: AWSClient

    /// Creates a lookup over `client`.
    package init(client: AWSClient) {
        self.client = client
    }

    /// Looks `key` up in `pair` (at `versionID`, else the latest version on each side).
    package func look(pair: PairSpec, key: String, versionID: String? = nil, now: Date = Date()) async -> ObjectReport {
        let primary = await side(pair.primary, key: key, versionID: versionID)
        let secondary = await side(pair.secondary, key: key, versionID: versionID)
        // The written copy has a source status; a REPLICA (or nothing) is the other side's copy.
        let written: Set<ObjectStatus> = [.pending, .completed, .failed]
        var sourceIsPrimary = true
        if let status = secondary.copy?.status, written.contains(status),
           !(primary.copy?.status.map(written.contains) ?? false) {
            sourceIsPrimary = false
        } else if primary.copy == nil, secondary.copy != nil {
            sourceIsPrimary = false
        }
        let source = sourceIsPrimary ? primary : secondary
        var destination = sourceIsPrimary ? secondary : primary
        // The destination's copy of the very version the source holds.
        if versionID == nil, let version = source.copy?.versionID, version != "null",
           destination.copy?.versionID != version {
            destination.copy = nil
            let exact = await side(destination.bucket, key: key, versionID: version, listing: false)
            destination.copy = exact.copy
            destination.problem = destination.problem ?? exact.problem
        }
        return ObjectReport(pair: pair.name, key: key, takenAt: now, source: source, destination: destination,
                            verdict: ObjectReport.verdict(source: source, destination: destination, now: now))
    }

    private func side(_ bucket: Bucket, key: String, versionID: String?, listing: Bool = true) async -> ObjectReport.Side {
        var side = ObjectReport.Side(bucket: bucket)
        do {
            let answer = try await client.s3(
                api: "HeadObject", region: bucket.region, method: "HEAD", bucket: bucket.name, key: key,
                query: versionID.map { [("versionId", $0)] } ?? [], what: "HeadObject \(bucket.name)/\(key)")
            side.copy = ObjectReport.Copy(
                versionID: answer.headers["x-amz-version-id"],
                status: answer.headers["x-amz-replication-status"].flatMap { ObjectStatus(rawValue: $0.uppercased()) },
                size: answer.headers["content-length"].flatMap { Int64($0) },
                etag: answer.headers["etag"],
                lastModified: answer.headers["last-modified"].flatMap(AWSClient.httpDate))
        } catch let problem as SourceProblem where problem.kind == .notFound {
            side.copy = nil
        } catch let problem as SourceProblem {
            side.problem = versionID != nil && problem.kind == .accessDenied
                ? SourceProblem(.accessDenied, problem.message.replacingOccurrences(
                    of: "(needs s3:GetObject)", with: "(needs s3:GetObjectVersion)"))
                : problem
        } catch {
            side.problem = SourceProblem(.other, "\(error)")
        }
        guard listing else { return side }
        do {
            let answer = try await client.s3(
                api: "ListObjectVersions", region: bucket.region, bucket: bucket.name,
                query: [("versions", ""), ("prefix", key), ("max-keys", "1000"), ("encoding-type", "url")],
                what: "ListObjectVersions \(bucket.name)")
            let page = try VersionPage(try XMLNode.parse(answer.body, what: "ListObjectVersions \(bucket.name)"))
            let mine = page.entries.filter { $0.key == key }
            side.versions = mine.filter { !$0.isDeleteMarker }.count
            side.deleteMarkers = mine.filter(\.isDeleteMarker).count
        } catch let problem as SourceProblem {
            side.problem = side.problem ?? problem
        } catch {
            side.problem = side.problem ?? SourceProblem(.other, "\(error)")
        }
        return side
    }
}
