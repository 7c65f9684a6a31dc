import DRCore
import DRRender
import DRTestSupport
import Foundation
import Testing

/// Screens and reports say where the data comes from in the source kind's own words: never "live AWS data" for
/// a Ceph realm.
@Suite struct SourceWordingTests {
    static func report(_ kind: SourceKind) -> (FailoverReport, Snapshot) {
        var snapshot = Fixtures.world()
        snapshot.source = kind
        let pair = snapshot.pairs[0]
        return (FailoverChecklist().run(pair: pair, in: snapshot, now: Fixtures.now), snapshot)
    }

    @Test func eachKindNamesItsOwnOrigin() {
        #expect(SourceKind.ceph.dataLabel == "live Ceph data (Ceph sync status)")
        #expect(SourceKind.aws.dataLabel == "live AWS data")
        #expect(SourceKind.demo.dataLabel == "demo data, not real")
        #expect(SourceKind.ceph.origin.hasPrefix("Ceph sync status"))
        #expect(SourceKind.aws.origin == "AWS S3 / CloudWatch")
    }

    @Test func cephReportsSayCephNotAWS() {
        let (report, snapshot) = Self.report(.ceph)
        let text = CheckDocument.text([report], snapshot: snapshot, context: [])
        #expect(text.hasPrefix("drtop failover check — \(Format.timestamp(snapshot.takenAt)) — live Ceph data (Ceph sync status)"),
                "\(text)")
        let markdown = FailoverMarkdown.render(report)
        #expect(markdown.contains("- **Source:** Ceph sync status (radosgw admin API)"), "\(markdown)")
        for output in [text, markdown] { #expect(!output.contains("AWS"), "\(output)") }
        let aws = FailoverMarkdown.render(Self.report(.aws).0)
        #expect(aws.contains("- **Source:** AWS S3 / CloudWatch"), "\(aws)")
    }

    @Test func failoverScreenOfACephPairSaysCeph() {
        var state = AppState(now: Fixtures.now.addingTimeInterval(3), demo: false, width: 100, height: 30)
        var snapshot = Fixtures.world()
        snapshot.source = .ceph
        state = Reducer.reduce(state, .snapshot(snapshot)).0
        state = Reducer.reduce(state, .key(.char("f"))).0
        let screen = Renderer.render(state).text
        #expect(screen.contains("live Ceph data (Ceph sync status)"), "\(screen)")
        #expect(!screen.contains("live AWS data"), "\(screen)")
    }
}
