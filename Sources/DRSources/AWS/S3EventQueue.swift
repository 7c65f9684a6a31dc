import DRCore
import Foundation

/// Reads S3 event notifications from one SQS queue (JSON protocol) and deletes each message once read: the
/// queue must be drtop's own (one watcher per queue). Configured per bucket with `events = "…"`; nothing is
/// received or deleted unless a queue is configured.
struct S3EventQueue: Sendable {
    /// What one drain of the queue found.
    struct Batch: Sendable {
        var events: [S3Event] = []
        /// Messages that were not S3 event notifications (deleted too, so that they do not come back forever).
        var unreadable = 0
    }

    let url: URL
    let region: String
    let client: AWSClient
    /// ReceiveMessage calls per drain at most (10 messages each).
    let maxReceives: Int

    init(url: URL, region: String, client: AWSClient, maxReceives: Int = 20) {
        self.url = url
        self.region = region
        self.client = client
        self.maxReceives = maxReceives
    }

    private var base: String {
        var text = "\(url.scheme ?? "https")://\(url.host ?? "")"
        if let port = url.port { text += ":\(port)" }
        return text
    }

    private var name: String { url.lastPathComponent }

    /// Receives what is waiting (up to `maxReceives` × 10 messages, no long polling) and deletes it.
    func drain() async throws -> Batch {
        var batch = Batch()
        for _ in 0..<maxReceives {
            let request: [String: Any] = ["QueueUrl": url.absoluteString, "MaxNumberOfMessages": 10,
                                          "WaitTimeSeconds": 0, "VisibilityTimeout": 60]
            let response = try await client.json(
                service: "sqs", target: "AmazonSQS.ReceiveMessage", base: base, region: region,
                body: try JSONSerialization.data(withJSONObject: request), what: "ReceiveMessage \(name)")
            let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            guard let answer else {
                throw SourceProblem(.badResponse, "ReceiveMessage \(name): the answer is not JSON")
            }
            let messages = answer["Messages"] as? [[String: Any]] ?? []
            var handles: [String] = []
            for message in messages {
                if let handle = message["ReceiptHandle"] as? String { handles.append(handle) }
                if let records = (message["Body"] as? String).flatMap(S3EventParsing.records) {
                    batch.events += records
                } else {
                    batch.unreadable += 1
                }
            }
            if !handles.isEmpty { try await delete(handles) }
            if messages.count < 10 { break }
        }
        return batch
    }

    private func delete(_ handles: [String]) async throws {
        let entries = handles.enumerated().map { ["Id": "m\($0.offset)", "ReceiptHandle": $0.element] }
        let request: [String: Any] = ["QueueUrl": url.absoluteString, "Entries": entries]
        _ = try await client.json(service: "sqs", target: "AmazonSQS.DeleteMessageBatch", base: base, region: region,
                                  body: try JSONSerialization.data(withJSONObject: request),
                                  what: "DeleteMessageBatch \(name)")
    }
}
