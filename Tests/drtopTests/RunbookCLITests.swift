import DRCore
import DRTestSupport
import Foundation
import Testing

/// Every runbook command drtop prints passes the AWS CLI's own parameter validation as written (the call then
/// goes nowhere: a closed local port), with the placeholders a person fills in replaced as they would be.
@Suite struct RunbookCLITests {
    @Test func theAWSCLIAcceptsEveryStep() throws {
        var pair = Fixtures.routedWorld().pairs[0]
        pair.routing.arc = .init(clusterARN: "arn:aws:route53-recovery-control::123456789012:cluster/c1",
                                 controls: ["us-east-1": "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/e",
                                            "us-west-2": "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/w"])
        pair.routing.acceleratorARN = "arn:aws:globalaccelerator::123456789012:accelerator/a1"
        pair.traffic?.routes[2].healthCheckID = "0b3f4c5d-1111-2222-3333-444455556666"
        var plain = pair
        plain.routing.arc = nil
        var failed = plain
        failed.traffic?.routes[2].healthy = false
        // With ARC: MRAP, ARC's two steps, the accelerator's two; without: Route 53's inversion, or, when the
        // primary's check already fails, the look at the records instead.
        let steps = Runbook.steps(for: pair) + [Runbook.steps(for: plain).last!, Runbook.steps(for: failed).last!]
        #expect(steps.count == 7)
        let port = try MotoServer.freePort()
        for step in steps {
            let command = step.command
                .replacingOccurrences(of: "--endpoint-url ENDPOINT", with: "")
                .replacingOccurrences(of: "ENDPOINT_REGION", with: "us-west-2")
                .replacingOccurrences(of: "aws ", with: "aws --endpoint-url http://127.0.0.1:\(port) --cli-connect-timeout 1 ",
                                      options: .anchored)
            let run = try Spawn.run("/bin/sh", ["-c", command], capture: true,
                                    environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                  "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y",
                                                  "AWS_MAX_ATTEMPTS": "1", "HOME": NSTemporaryDirectory()],
                                    mergeErrors: true)
            #expect(!run.output.contains("Parameter validation failed") && !run.output.contains("Invalid")
                    && !run.output.contains("usage:"), "\(command): \(run.output)")
            #expect(run.output.contains("Could not connect to the endpoint URL"), "validated, then sent: \(command): \(run.output)")
        }
    }
}
