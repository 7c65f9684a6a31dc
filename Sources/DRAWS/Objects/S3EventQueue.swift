import DRCore
import DRWire
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
        /// Messages read (and deleted) this drain.
        var messages = 0
        /// When the receive budget was spent before the queue was empty: the messages still in it
        /// (`ApproximateNumberOfMessages`, an estimate by SQS's own account).
        var unread: Int?
    }

    let url: URL
    let region: String
    let client: AWSClient
    /// ReceiveMessage calls per drain at most (10 messages each): the tick's budget.
    let maxReceives: Int
    /// Long polling (`WaitTimeSeconds`) of each receive: SQS then asks all its servers, not a sample of them,
    /// and answers as soon as a message is there; an empty queue costs this long once per tick.
    let waitSeconds: Int
    /// The account the queue is read with (the account of the bucket it carries events of); nil: the main one.
    let account: String?

    init(url: URL, region: String, client: AWSClient, maxReceives: Int = 20, waitSeconds: Int = 0,
         account: String? = nil) {
        self.account = account
        self.url = url
        self.region = region
        self.client = client
        self.maxReceives = maxReceives
        self.waitSeconds = max(0, min(20, waitSeconds))
    }

    private var base: String {
        var text = "\(url.scheme ?? "https")://\(url.host ?? "")"
        if let port = url.port { text += ":\(port)" }
        return text
    }

    private var name: String { url.lastPathComponent }

    /// Receives what is waiting, 10 messages a call, until the queue is empty or `maxReceives` calls are spent,
    /// and deletes it; when the budget ran out first, asks how many messages are left.
    func drain() async throws -> Batch {
        var batch = Batch()
        var emptied = false
        for _ in 0..<maxReceives {
            let request: [String: Any] = ["QueueUrl": url.absoluteString, "MaxNumberOfMessages": 10,
                                          "WaitTimeSeconds": waitSeconds, "VisibilityTimeout": 60]
            let response = try await client.json(
                service: "sqs", target: "AmazonSQS.ReceiveMessage", base: base, region: region,
                body: try JSONSerialization.data(withJSONObject: request), what: "ReceiveMessage \(name)",
                account: account)
            let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            guard let answer else {
                throw SourceProblem(.badResponse, "ReceiveMessage \(name): the answer is not JSON")
            }
            let messages = answer["Messages"] as? [[String: Any]] ?? []
            batch.messages += messages.count
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
            if messages.count < 10 {
                emptied = true
                break
            }
        }
        if !emptied { batch.unread = try await approximateMessages() }
        return batch
    }

    /// `ApproximateNumberOfMessages` of the queue (GetQueueAttributes).
    private func approximateMessages() async throws -> Int {
        let request: [String: Any] = ["QueueUrl": url.absoluteString, "AttributeNames": ["ApproximateNumberOfMessages"]]
        let response = try await client.json(service: "sqs", target: "AmazonSQS.GetQueueAttributes", base: base,
                                             region: region, body: try JSONSerialization.data(withJSONObject: request),
                                             what: "GetQueueAttributes \(name)", account: account)
        let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let text = (answer?["Attributes"] as? [String: Any])?["ApproximateNumberOfMessages"] as? String,
              let count = Int(text) else {
            throw SourceProblem(.badResponse, "GetQueueAttributes \(name): no ApproximateNumberOfMessages in the answer")
        }
        return count
    }

    private func delete(_ handles: [String]) async throws {
        let entries = handles.enumerated().map { ["Id": "m\($0.offset)", "ReceiptHandle": $0.element] }
        let request: [String: Any] = ["QueueUrl": url.absoluteString, "Entries": entries]
        _ = try await client.json(service: "sqs", target: "AmazonSQS.DeleteMessageBatch", base: base, region: region,
                                  body: try JSONSerialization.data(withJSONObject: request),
                                  what: "DeleteMessageBatch \(name)", account: account)
    }
}
