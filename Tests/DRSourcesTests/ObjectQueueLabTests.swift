import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import Foundation
import Testing

/// The object-level queue against the replication lab: objects held by a paused direction appear as PENDING
/// with their keys, versions and sizes; when replication resumes they leave the queue.
@Suite(.serialized) struct ObjectQueueLabTests {
    @Test func pendingObjectsAppearAndDrain() async throws {
        let lab = try Lab(pairs: 1)
        let client = lab.client()
        let pair = PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                            secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 60)
        let source = AWSSource(pairs: [pair], client: client)
        let key = DirectionKey(source: "lab0-use1", destination: "lab0-usw2")

        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(5, to: "lab0-use1", region: "us-east-1")
        _ = try await source.layout()
        var queue: [PendingObject] = []
        for _ in 0..<20 {
            queue = try await source.poll(region: "us-east-1", now: Date()).directions[key]?.queue ?? []
            if queue.count == 5 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(queue.count == 5)
        #expect(queue.allSatisfy { $0.status == .pending && $0.key.hasPrefix("work/") && $0.size == 1024 })
        #expect(Set(queue.map(\.versionID)).count == 5)

        try await lab.fault("/direction/lab0-use1/lab0-usw2/ok")
        for _ in 0..<30 {
            queue = try await source.poll(region: "us-east-1", now: Date()).directions[key]?.queue ?? []
            if queue.isEmpty { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(queue.isEmpty, "replicated objects leave the queue")
        // Replicas written into us-west-2 are never queued as waiting in the other direction.
        let back = try await source.poll(region: "us-west-2", now: Date())
            .directions[DirectionKey(source: "lab0-usw2", destination: "lab0-use1")]?.queue ?? []
        #expect(back.isEmpty)
        let counts = source.requestCounts
        #expect(counts.contains { $0.api == "ListObjectVersions" })
        #expect(counts.contains { $0.api == "HeadObject" })
    }
}
