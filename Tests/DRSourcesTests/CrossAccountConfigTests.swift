import DRCore
import DRFrontDoor
import DRTestSupport
import DRWire
import Foundation
import Testing

/// A pair side in another account: `profile` or `role_arn` on the side, read from the configuration, and a
/// role assumed with the main credentials through STS (moto's).
@Suite struct CrossAccountConfigTests {
    static func side(_ extra: String) -> String {
        """
        [[pair]]
        name = "assets"
        primary = { bucket = "assets-use1", region = "us-east-1" }
        secondary = { bucket = "assets-dr", region = "us-west-2"\(extra) }
        """
    }

    @Test func sidesNameTheirAccount() throws {
        let profile = try ConfigLoader.parse(Self.side(", profile = \"dr\""), path: "c.toml")
        #expect(profile.bucketAccounts == ["assets-dr": .profile("dr")])
        let role = try ConfigLoader.parse(Self.side(", role_arn = \"arn:aws:iam::222222222222:role/drtop-read\""),
                                          path: "c.toml")
        #expect(role.bucketAccounts["assets-dr"]?.name == "role drtop-read@222222222222")
        #expect(role.bucketAccounts["assets-use1"] == nil, "the other side keeps the main credentials")
    }

    @Test(arguments: [
        (", profile = \"dr\", role_arn = \"arn:aws:iam::1:role/x\"", "c.toml:4: pair[1].secondary.role_arn: give profile or role_arn, not both"),
        (", role_arn = \"drtop-read\"", "c.toml:4: pair[1].secondary.role_arn: 'drtop-read' is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)"),
        (", profile = \"\"", "c.toml:4: pair[1].secondary.profile: empty"),
    ])
    func badSides(extra: String, expected: String) {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(Self.side(extra), path: "c.toml") }
        do {
            _ = try ConfigLoader.parse(Self.side(extra), path: "c.toml")
        } catch {
            #expect("\(error)" == expected)
        }
    }

    @Test func aRoleIsAssumedWithTheMainCredentials() async throws {
        let server = try MotoServer()
        let main = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        let (accounts, buckets) = AccountCredentials.providers(
            for: ["assets-dr": .role("arn:aws:iam::222222222222:role/drtop-read")],
            environment: ["AWS_ENDPOINT_URL_STS": server.endpoint], transport: HTTPTransport(), main: { main },
            stsRegion: "us-east-1")
        #expect(buckets == ["assets-dr": "role drtop-read@222222222222"])
        let provider = try #require(accounts["role drtop-read@222222222222"])
        let assumed = try await provider()
        #expect(assumed.accessKeyID != "testing" && assumed.sessionToken != nil && assumed.expiration != nil)
        #expect(assumed.source.contains("assumed arn:aws:iam::222222222222:role/drtop-read"), "\(assumed.source)")
        let again = try await provider()
        #expect(again.accessKeyID == assumed.accessKeyID, "kept until ten minutes before it expires")
    }
}
