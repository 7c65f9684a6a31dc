import DRCore
import DRRender
import DRTerminal
import Foundation
import Testing

@Suite struct EventInboxTests {
    private func snapshot(_ sequence: Int) -> Snapshot {
        Snapshot(takenAt: Date(timeIntervalSince1970: 0), source: .demo, regions: [], pairs: [], sequence: sequence)
    }

    @Test func keepsOrderAndOnlyTheNewestSnapshot() {
        let inbox = EventInbox()
        inbox.post(.snapshot(snapshot(1)))
        inbox.post(.exported(path: "/a"))
        inbox.post(.snapshot(snapshot(2)))
        let events = inbox.drain()
        #expect(events == [.snapshot(snapshot(2)), .exported(path: "/a")], "the newer snapshot takes the older one's place")
        #expect(inbox.drain().isEmpty)
    }

    @Test func aJudgedSnapshotReplacesAnUndeliveredOneToo() {
        let inbox = EventInbox()
        let judged = Assessment(snapshot(3), thresholds: .standard, now: Date(timeIntervalSince1970: 1))
        inbox.post(.snapshot(snapshot(1)))
        inbox.post(.assessed(snapshot(3), judged))
        #expect(inbox.drain() == [.assessed(snapshot(3), judged)])
    }

    @Test func concurrentPostersLoseNothing() async {
        let inbox = EventInbox()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 { group.addTask { inbox.post(.exported(path: "\(index)")) } }
        }
        #expect(inbox.drain().count == 200)
    }
}
