import DRCore
import DRWire

/// Reads S3's XML answers into drtop's model.
package enum S3Parsing {
    /// The replication rules of a GetBucketReplication answer.
    ///
    /// A rule without `<Filter>` is of the first schema (V1: a top-level `<Prefix>`, no `Priority`, no
    /// `DeleteMarkerReplication` element), and S3 replicates the delete markers of V1 rules; a rule with a
    /// `<Filter>` (V2) replicates them only when its `DeleteMarkerReplication` is Enabled.
    package static func replicationRules(_ xml: XMLNode) -> [ReplicationRule] {
        xml.all("Rule").map { rule in
            let filter = rule.child("Filter")
            let isV1 = filter == nil
            let and = filter?.child("And")
            let prefix = and?.string("Prefix") ?? filter?.string("Prefix") ?? rule.string("Prefix") ?? ""
            var tags: [XMLNode] = []
            if let tag = filter?.child("Tag") { tags.append(tag) }
            tags += and?.all("Tag") ?? []
            let destination = rule.child("Destination")
            let bucket = destination?.string("Bucket") ?? ""
            func enabled(_ node: XMLNode?) -> Bool { node?.string("Status") == "Enabled" }
            return ReplicationRule(
                id: rule.string("ID") ?? "",
                priority: rule.string("Priority").flatMap { Int($0) },
                enabled: rule.string("Status") == "Enabled",
                prefix: prefix,
                tags: tags.map { "\($0.string("Key") ?? "")=\($0.string("Value") ?? "")" },
                deleteMarkerReplication: isV1 || enabled(rule.child("DeleteMarkerReplication")),
                replicaModifications: enabled(rule.at("SourceSelectionCriteria", "ReplicaModifications")),
                existingObjectReplication: enabled(rule.child("ExistingObjectReplication")),
                replicationTimeControl: enabled(destination?.child("ReplicationTime")),
                metrics: enabled(destination?.child("Metrics")),
                destinationBucket: bucketName(fromARN: bucket),
                destinationAccount: destination?.string("Account"),
                storageClass: destination?.string("StorageClass") ?? "STANDARD",
                kmsKeyID: destination?.at("EncryptionConfiguration", "ReplicaKmsKeyID")?.text,
                sseKmsEncryptedObjects: enabled(rule.at("SourceSelectionCriteria", "SseKmsEncryptedObjects")))
        }
    }

    /// "arn:aws:s3:::name" → "name" (a plain name is returned as it is).
    package static func bucketName(fromARN arn: String) -> String {
        if let range = arn.range(of: ":::") { return String(arn[range.upperBound...]) }
        return arn
    }

    /// The versioning state of a GetBucketVersioning answer.
    package static func versioning(_ xml: XMLNode) -> Versioning {
        switch xml.string("Status") {
        case "Enabled": return .enabled
        case "Suspended": return .suspended
        default: return .unversioned
        }
    }

    /// The region of a GetBucketLocation answer (empty means us-east-1, "EU" means eu-west-1).
    package static func location(_ xml: XMLNode) -> String {
        switch xml.text {
        case "": return "us-east-1"
        case "EU": return "eu-west-1"
        default: return xml.text
        }
    }

    /// Bucket names of a ListBuckets answer.
    package static func bucketNames(_ xml: XMLNode) -> [String] {
        xml.child("Buckets")?.all("Bucket").compactMap { $0.string("Name") } ?? []
    }
}
