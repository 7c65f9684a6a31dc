import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// `credential_source` in a role profile: the role is assumed (moto's STS) with the credentials of the
/// environment, the container endpoint or instance metadata (the loopback metadata server).
@Suite(.serialized) struct CredentialSourceTests {
    let home: URL
    let transport = HTTPTransport(connectTimeout: 1, requestTimeout: 5)
    static let metadataScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/metadata_server.py").path
    let role = "arn:aws:iam::123456789012:role/drtop-readonly"

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-credsrc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    func config(_ source: String, extra: String = "") throws {
        try "[profile ops]\nrole_arn = \(role)\ncredential_source = \(source)\nregion = us-west-2\n\(extra)"
            .write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
    }

    func env(_ extra: [String: String]) -> [String: String] {
        ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
    }

    func resolve(_ environment: [String: String], profile: String? = "ops") async throws -> AWSCredentials {
        try await CredentialChain(environment: environment, profile: profile).resolve(transport: transport)
    }

    @Test func environment() async throws {
        let sts = try MotoServer()
        try config("Environment")
        let keys = ["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_ENDPOINT_URL_STS": sts.endpoint]
        // --profile ops: the environment's keys are not used as such, but they assume the role.
        let found = try await resolve(env(keys))
        #expect(found.accessKeyID != "ENVKEY" && found.sessionToken?.isEmpty == false)
        #expect(found.source == "profile ops (assumed \(role), credential_source Environment)")
        await #expect {
            try await resolve(env(["AWS_ENDPOINT_URL_STS": sts.endpoint]))
        } throws: { error in
            "\(error)" == "profile ops: credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"
        }
    }

    @Test func ecsContainerAndInstanceMetadata() async throws {
        let sts = try MotoServer()
        let metadata = try MotoServer(script: Self.metadataScript)
        try config("EcsContainer")
        let container = env(["AWS_ENDPOINT_URL_STS": sts.endpoint,
                             "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(metadata.endpoint)/creds",
                             "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret-container-token"])
        let fromContainer = try await resolve(container)
        #expect(fromContainer.source == "profile ops (assumed \(role), credential_source EcsContainer)")
        #expect(fromContainer.accessKeyID != "ASIACONTAINER")
        // The container endpoint is really asked: a wrong token is its 401, under the profile's name.
        await #expect {
            try await resolve(container.merging(["AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"]) { $1 })
        } throws: { error in
            "\(error)" == "profile ops: credential_source = EcsContainer: container credentials: HTTP 401 from 127.0.0.1"
        }
        await #expect {
            try await resolve(env(["AWS_ENDPOINT_URL_STS": sts.endpoint]))
        } throws: { error in
            "\(error)".hasPrefix("profile ops: credential_source = EcsContainer, but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        }

        try config("Ec2InstanceMetadata")
        var imds = env(["AWS_ENDPOINT_URL_STS": sts.endpoint, "AWS_EC2_METADATA_SERVICE_ENDPOINT": metadata.endpoint])
        imds["AWS_EC2_METADATA_DISABLED"] = nil
        let fromInstance = try await resolve(imds)
        #expect(fromInstance.source == "profile ops (assumed \(role), credential_source Ec2InstanceMetadata)")
        #expect(fromInstance.accessKeyID != "ASIAIMDS" && fromInstance.sessionToken?.isEmpty == false)
        await #expect {
            try await resolve(imds.merging(["AWS_EC2_METADATA_DISABLED": "true"]) { $1 })
        } throws: { error in
            "\(error)" == "profile ops: credential_source = Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED is true"
        }
    }

    @Test func bothSourcesOrAnUnknownOneIsOneLine() async throws {
        try config("Environment", extra: "source_profile = base\n")
        let keys = env(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"])
        await #expect {
            try await resolve(keys)
        } throws: { error in
            "\(error)" == "profile ops: has both source_profile and credential_source; a role profile takes one of them"
        }
        try config("environment")
        await #expect {
            try await resolve(keys)
        } throws: { error in
            "\(error)" == "profile ops: credential_source = environment is not one of Environment, Ec2InstanceMetadata, EcsContainer"
        }
    }
}
