import ArgumentParser
import DRDemo

/// The `--scenario` values, mirrored from `DemoScenario` for the argument parser.
enum DemoScenarioArgument: String, CaseIterable, ExpressibleByArgument {
    case steady
    case regionOutage = "region-outage"
    case backlogSurge = "backlog-surge"
    case permissionFailure = "permission-failure"

    var scenario: DemoScenario { DemoScenario(rawValue: rawValue) ?? .steady }
}
