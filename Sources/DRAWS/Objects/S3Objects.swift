import DRCore
import DRWire
import Foundation

/// Object-level reads: the replication status of one object version (HeadObject's `x-amz-replication-status`).
package struct S3Objects: Sendable {
    let client: AWSClient

    package init(client: AWSClient) {
        self.client = client
    }

    /// The replication status of `key` (at `versionID`, or the latest) in `bucket`; nil when S3 gives none (the
    /// object matches no rule, or the store does not report it). Throws NotFound as a `SourceProblem`.
    package func replicationStatus(bucket: Bucket, key: String, versionID: String? = nil) async throws -> ObjectStatus? {
        let response = try await client.s3(
            api: "HeadObject", region: bucket.region, method: "HEAD", bucket: bucket.name, key: key,
            query: versionID.map { [("versionId", $0)] } ?? [], what: "HeadObject \(bucket.name)/\(key)")
        return response.headers["x-amz-replication-status"].flatMap { ObjectStatus(rawValue: $0.uppercased()) }
    }
}
