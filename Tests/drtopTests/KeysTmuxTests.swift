import DRTestSupport
import Foundation
import Testing

/// Keys of issue 16 in a real terminal: Esc clears a kept filter; the failover check scrolls at 60x15.
@Suite(.serialized) struct KeysTmuxTests {
    @Test func escapeClearsAKeptFilter() throws {
        let session = try TmuxSession(command: "'\(try EndToEndTests.binary())' --seed 7")
        try session.waitFor("prod-assets")
        try session.send("/", "m", "e", "d", "Enter")
        var screen = try session.waitFor("filter: med ")
        #expect(screen.contains("media-uploads"))
        #expect(!screen.contains("prod-assets"), "the filter is kept after ⏎")
        try session.send("Escape")
        screen = try session.waitFor("prod-assets")
        #expect(!screen.contains("filter: med"))
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }

    @Test func theFailoverCheckScrollsAt60x15() throws {
        let session = try TmuxSession(command: "'\(try EndToEndTests.binary())' --seed 7 --scenario region-outage",
                                      width: 60, height: 15)
        // The first poll's data, not the placeholder's header ("PAIR" is on screen before any data).
        try session.waitFor("✖ down")
        try session.send("f")
        var screen = try session.waitFor("FAILOVER CHECK")
        #expect(screen.contains("us-east-1 → us-west-2"), "the direction is never lost: \(screen)")
        #expect(screen.contains("FAIL"), "the failing item comes first: \(screen)")
        try session.send("End")
        // The scroll marker, not the footer's "↑↓ scroll" (which matched before End was read).
        screen = try session.waitFor(" ↑\n")
        #expect(screen.contains("PASS"), "\(screen)")
        try session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
