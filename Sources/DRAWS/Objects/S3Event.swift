import DRWire
import Foundation

/// One S3 event notification record that matters to the object queue.
package struct S3Event: Sendable, Equatable {
    /// What happened.
    package enum Kind: Sendable, Equatable {
        /// s3:ObjectCreated:* — a new version that replication will pick up.
        case created
        /// s3:Replication:OperationFailedReplication, with S3's failure reason.
        case failed(reason: String)
        /// s3:Replication:OperationMissedThreshold: RTC's 15-minute threshold passed before it replicated.
        case missedThreshold
        /// s3:Replication:OperationReplicatedAfterThreshold: replicated, after the RTC threshold.
        case replicatedAfterThreshold
        /// s3:Replication:OperationNotTracked: the replication metrics no longer count the object.
        case notTracked
        /// Any other s3:Replication:* or s3:ObjectRemoved:* record: nothing for the queue to do.
        case other(String)
    }

    /// What happened.
    package var kind: Kind
    /// The bucket it happened in.
    package var bucket: String
    /// The key, URL-decoded.
    package var key: String
    /// The version, when the bucket is versioned.
    package var versionID: String?
    /// The object's size in bytes, when given.
    package var size: Int64?
    /// When it happened (`eventTime`).
    package var time: Date?
    /// The destination bucket of a replication event, when the record names it.
    package var destinationBucket: String?
}

/// Reads S3 event notification messages as S3 delivers them to SQS: the plain `{"Records": [...]}` document,
/// the same wrapped in an SNS notification (`{"Type": "Notification", "Message": "…"}`), and `s3:TestEvent`.
package enum S3EventParsing {
    /// The records of one message body; nil when the body is not an S3 event message at all.
    package static func records(_ body: String) -> [S3Event]? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else { return nil }
        if object["Type"] as? String == "Notification", let inner = object["Message"] as? String {
            return records(inner)
        }
        if object["Event"] as? String == "s3:TestEvent" { return [] }
        guard let list = object["Records"] as? [[String: Any]] else { return nil }
        return list.compactMap(record)
    }

    private static func record(_ record: [String: Any]) -> S3Event? {
        guard let name = record["eventName"] as? String, let s3 = record["s3"] as? [String: Any],
              let bucket = (s3["bucket"] as? [String: Any])?["name"] as? String,
              let object = s3["object"] as? [String: Any], let rawKey = object["key"] as? String else { return nil }
        // S3 form-encodes keys in events: '+' is a space.
        let key = rawKey.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawKey
        let replication = record["replicationEventData"] as? [String: Any]
        let kind: S3Event.Kind
        if name.hasPrefix("ObjectCreated:") || name.hasPrefix("s3:ObjectCreated:") {
            kind = .created
        } else if name.hasSuffix("Replication:OperationFailedReplication") {
            kind = .failed(reason: replication?["failureReason"] as? String ?? "unknown (no failureReason)")
        } else if name.hasSuffix("Replication:OperationMissedThreshold") {
            kind = .missedThreshold
        } else if name.hasSuffix("Replication:OperationReplicatedAfterThreshold") {
            kind = .replicatedAfterThreshold
        } else if name.hasSuffix("Replication:OperationNotTracked") {
            kind = .notTracked
        } else {
            kind = .other(name)
        }
        let size = (object["size"] as? NSNumber)?.int64Value
        let version = (object["versionId"] as? String).flatMap { $0.isEmpty || $0 == "null" ? nil : $0 }
        let destination = (replication?["destinationBucket"] as? String).map { $0.components(separatedBy: ":::").last ?? $0 }
        return S3Event(kind: kind, bucket: bucket, key: key, versionID: version, size: size,
                       time: (record["eventTime"] as? String).flatMap(eventTime), destinationBucket: destination)
    }

    /// "2026-11-25T12:00:00.123Z"; also without the zone (taken as UTC), with any number of fraction digits.
    package static func eventTime(_ text: String) -> Date? {
        ISO8601.parse(text) ?? ISO8601.parse(text + "Z")
    }
}
