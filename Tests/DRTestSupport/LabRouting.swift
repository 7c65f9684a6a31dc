import Foundation

/// What `lab/setup.py --routing` made for each pair, parsed from its output: the hosted zone, each pair's MRAP,
/// health checks (by region), ARC routing controls (by region) and accelerator.
package struct LabRouting: Sendable {
    /// The hosted zone of lab.example.com.
    package var zone = ""
    /// MRAP ARN by pair name.
    package var mraps: [String: String] = [:]
    /// Health check ID by pair name and region.
    package var healthChecks: [String: [String: String]] = [:]
    /// The ARC cluster's ARN.
    package var arcCluster = ""
    /// Routing control ARN by pair name and region.
    package var arcControls: [String: [String: String]] = [:]
    /// Accelerator ARN by pair name.
    package var accelerators: [String: String] = [:]

    /// Parses setup.py's lines (`zone ID`, `mrap NAME ARN`, `health-check NAME REGION ID`, `arc-cluster ARN`,
    /// `arc-control NAME REGION ARN`, `accelerator NAME ARN`).
    package init(output: String) {
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            switch (parts.first, parts.count) {
            case ("zone", 2): zone = parts[1]
            case ("mrap", 3): mraps[parts[1]] = parts[2]
            case ("health-check", 4): healthChecks[parts[1], default: [:]][parts[2]] = parts[3]
            case ("arc-cluster", 2): arcCluster = parts[1]
            case ("arc-control", 4): arcControls[parts[1], default: [:]][parts[2]] = parts[3]
            case ("accelerator", 3): accelerators[parts[1]] = parts[2]
            default: break
            }
        }
    }

    /// The `[pair.routing]` table of pair `name` (its records are `name.lab.example.com.`).
    package func table(_ name: String) -> String {
        var toml = "[pair.routing]\n"
        toml += "route53 = { zone_id = \"\(zone)\", name = \"\(name).lab.example.com.\" }\n"
        if let mrap = mraps[name] { toml += "mrap = \"\(mrap)\"\n" }
        if let controls = arcControls[name] {
            let list = controls.keys.sorted().map { "\"\($0)\" = \"\(controls[$0]!)\"" }.joined(separator: ", ")
            toml += "arc = { cluster = \"\(arcCluster)\", controls = { \(list) } }\n"
        }
        if let accelerator = accelerators[name] { toml += "accelerator = \"\(accelerator)\"\n" }
        return toml
    }
}
