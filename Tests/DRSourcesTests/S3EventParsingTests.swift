@testable import DRAWS
import Foundation
import Testing

/// Reading S3 event notification messages as SQS delivers them (pure parsing, no server).
@Suite struct S3EventParsingTests {
    static let created = """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-central-1",
        "eventTime":"2026-11-25T12:00:01.250Z","eventName":"ObjectCreated:Put",
        "s3":{"bucket":{"name":"media-euc1"},"object":{"key":"photos/a+b%2Bc%C3%A9.jpg","size":2048,
        "versionId":"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY","sequencer":"0055AED6DCD90281E5"}}}]}
        """

    @Test func objectCreatedWithVersionAndFormEncodedKey() throws {
        let events = try #require(S3EventParsing.records(Self.created))
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.kind == .created)
        #expect(event.bucket == "media-euc1")
        #expect(event.key == "photos/a b+cé.jpg")
        #expect(event.versionID == "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")
        #expect(event.size == 2048)
        #expect(event.time == Date(timeIntervalSince1970: 1_795_608_001.25))
    }

    @Test func replicationFailureCarriesReasonAndDestination() throws {
        let body = """
            {"Records":[{"eventName":"Replication:OperationFailedReplication","eventTime":"2026-11-25T12:00:00.000Z",
            "s3":{"bucket":{"name":"src"},"object":{"key":"k","size":1,"versionId":"v1"}},
            "replicationEventData":{"replicationRuleId":"r","destinationBucket":"arn:aws:s3:::dst",
            "s3Operation":"OBJECT_PUT","failureReason":"AssumeRoleNotPermitted"}}]}
            """
        let event = try #require(S3EventParsing.records(body)?.first)
        #expect(event.kind == .failed(reason: "AssumeRoleNotPermitted"))
        #expect(event.destinationBucket == "dst")
        #expect(event.versionID == "v1")
    }

    @Test func snsEnvelopeTestEventsAndOtherRecords() throws {
        let wrapped = try JSONSerialization.data(withJSONObject: ["Type": "Notification", "Message": Self.created])
        #expect(S3EventParsing.records(String(decoding: wrapped, as: UTF8.self))?.first?.bucket == "media-euc1")
        #expect(S3EventParsing.records(#"{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}"#) == [])
        let removed = #"{"Records":[{"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}]}"#
        #expect(S3EventParsing.records(removed)?.first?.kind == .other("ObjectRemoved:Delete"))
    }

    @Test func notEventMessagesAreNil() {
        for body in ["", "not json", "[]", #"{"hello":"world"}"#, #"{"Records":"x"}"#, "\u{0}\u{1}"] {
            #expect(S3EventParsing.records(body) == nil, "\(body)")
        }
        // A record missing its bucket or key is skipped, not fatal.
        #expect(S3EventParsing.records(#"{"Records":[{"eventName":"ObjectCreated:Put","s3":{}}]}"#) == [])
    }

    @Test func eventTimesFromOtherWriters() {
        let micro = S3EventParsing.eventTime("2026-11-25T12:00:00.123456")?.timeIntervalSince1970 ?? 0
        #expect(abs(micro - 1_795_608_000.123456) < 0.000_01, "no zone: UTC, microseconds kept")
        #expect(S3EventParsing.eventTime("2026-11-25T12:00:00Z") == Date(timeIntervalSince1970: 1_795_608_000))
        #expect(S3EventParsing.eventTime("yesterday") == nil)
    }
}
