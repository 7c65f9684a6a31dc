import DRCeph
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// A Ceph source whose first layout fails (no gateway answers: a real refused connection) is still labelled
/// Ceph in the snapshot the poller publishes, never AWS.
@Suite struct CephPollerKindTests {
    @Test func aFailedFirstLayoutIsLabelledBySourceKind() async throws {
        // A port nothing listens on: bound, then closed.
        let socket = try MotoServer.freePort()
        let config = CephConfig(endpoint: URL(string: "http://127.0.0.1:\(socket)")!, rpoSeconds: 60)
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test")
        let source = CephSource(config: config, admin: CephAdmin(transport: HTTPTransport(), credentials: { credentials }))
        #expect(source.kind == .ceph)
        let poller = Poller(source: source, intervalSeconds: 0.2)
        var first: Snapshot?
        for await snapshot in poller.start() {
            first = snapshot
            break
        }
        poller.stop()
        let snapshot = try #require(first)
        #expect(snapshot.source == .ceph)
        #expect(snapshot.progress?.activity.hasPrefix("cannot list what to watch") == true, "\(String(describing: snapshot.progress))")
    }
}
