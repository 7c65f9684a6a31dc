import DRTestSupport
import Foundation
import Testing

/// The re-drive command `drtop check` prints for a direction with failed objects is one the AWS CLI accepts as
/// written: every parameter passes the CLI's own validation (the call then goes nowhere: a closed local port).
@Suite struct BatchReplicationJobTests {
    @Test func theAWSCLIAcceptsTheCommand() throws {
        let check = try Spawn.run(try EndToEndTests.binary(),
                                  ["check", "--demo", "--scenario", "permission-failure", "--pair", "billing-exports",
                                   "--format", "json"], capture: true)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any])
        let pair = try #require((document["pairs"] as? [[String: Any]])?.first)
        let command = try #require((pair["redrive_commands"] as? [String])?.first, "\(pair)")
        #expect(command.hasPrefix("aws s3control create-job --region us-east-1 --account-id 123456789012"))
        #expect(command.contains("\"ObjectReplicationStatuses\":[\"FAILED\"]"))
        let port = try MotoServer.freePort()
        let pointed = command.replacingOccurrences(
            of: "aws s3control", with: "aws --endpoint-url http://127.0.0.1:\(port) --cli-connect-timeout 1 s3control")
        let run = try Spawn.run("/bin/sh", ["-c", pointed], capture: true,
                                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                              "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y",
                                              "AWS_MAX_ATTEMPTS": "1", "HOME": NSTemporaryDirectory()],
                                mergeErrors: true)
        #expect(!run.output.contains("Parameter validation failed") && !run.output.contains("Invalid"), "\(run.output)")
        #expect(run.output.contains("Could not connect to the endpoint URL"), "validated, then sent: \(run.output)")
    }
}
