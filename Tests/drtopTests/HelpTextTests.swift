import DRTestSupport
import Foundation
import Testing

/// `--help` teaches: the refresh default as it is (2 s for the demo, 60 s against real APIs), every command and
/// key named, and nothing wrapped past an 80-column terminal.
@Suite struct HelpTextTests {
    @Test func helpSaysTheDefaultsAndFitsEightyColumns() throws {
        let binary = try EndToEndTests.binary()
        let top = try Spawn.run(binary, ["--help"], capture: true, environment: ["COLUMNS": "80"])
        #expect(top.status == 0)
        #expect(top.output.contains("(demo 2, AWS 60)"), "\(top.output)")
        for command in ["snapshot --json", "check --pair", "serve --config", "object prod-assets KEY", "diff prod-assets"] {
            #expect(top.output.contains("drtop \(command)"), "\(command)")
        }
        #expect(top.output.contains("o look up object"))
        let long = top.output.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
        let dashboard = try Spawn.run(binary, ["help", "dashboard"], capture: true, environment: ["COLUMNS": "80"])
        #expect(dashboard.output.contains("default: 2 for the demo"), "\(dashboard.output)")
        #expect(dashboard.output.contains("else 60"), "\(dashboard.output)")
    }
}
