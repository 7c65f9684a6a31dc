import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Each link of the credential chain, from files and environments made here, and servers on loopback.
@Suite(.serialized) struct CredentialChainTests {
    let home: URL
    let transport = HTTPTransport(connectTimeout: 1, requestTimeout: 3)
    static let metadataScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/metadata_server.py").path

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: home.appendingPathComponent(".aws/\(name)"), atomically: true, encoding: .utf8)
    }

    /// An environment with nothing set but HOME, and instance metadata off (no probe leaves this machine).
    func env(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
    }

    func resolve(_ environment: [String: String], profile: String? = nil) async throws -> AWSCredentials {
        try await CredentialChain(environment: environment, profile: profile).resolve(transport: transport)
    }

    @Test func environmentFirst() async throws {
        try write("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n")
        let found = try await resolve(env(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret",
                                           "AWS_SESSION_TOKEN": "envtoken"]))
        #expect(found.accessKeyID == "ENVKEY" && found.sessionToken == "envtoken" && found.source == "environment")
    }

    @Test func sharedFilesAndProfiles() async throws {
        try write("credentials", """
            # comment
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = defaultsecret

            [prod]
            aws_access_key_id = PRODKEY
            aws_secret_access_key = prodsecret
            aws_session_token = prodtoken
            """)
        try write("config", "[profile cfg]\nregion = eu-west-1\naws_access_key_id = CFGKEY\naws_secret_access_key = cfgsecret\n")
        #expect(try await resolve(env()).accessKeyID == "DEFAULTKEY")
        #expect(try await resolve(env(["AWS_PROFILE": "prod"])).sessionToken == "prodtoken")
        #expect(try await resolve(env(["AWS_PROFILE": "cfg"])).accessKeyID == "CFGKEY")
        // An explicit profile wins over the environment's keys and AWS_PROFILE.
        let explicit = try await resolve(env(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s",
                                              "AWS_PROFILE": "prod"]), profile: "cfg")
        #expect(explicit.accessKeyID == "CFGKEY")
        #expect(try CredentialChain(environment: env(["AWS_PROFILE": "cfg"])).region() == "eu-west-1")
        // AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE move the files.
        let other = home.appendingPathComponent("elsewhere")
        try "[default]\naws_access_key_id = MOVEDKEY\naws_secret_access_key = moved\n".write(
            to: other, atomically: true, encoding: .utf8)
        #expect(try await resolve(env(["AWS_SHARED_CREDENTIALS_FILE": other.path])).accessKeyID == "MOVEDKEY")
    }

    @Test func credentialProcessAndRefreshBeforeExpiry() async throws {
        let counter = home.appendingPathComponent("calls")
        let script = home.appendingPathComponent("creds.sh")
        let soon = SnapshotDocument.iso8601(Date().addingTimeInterval(60))
        try """
            #!/bin/sh
            echo x >> '\(counter.path)'
            printf '{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "procsecret", "SessionToken": "proctoken", "Expiration": "\(soon)"}'
            """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        try write("config", "[profile sso]\ncredential_process = \(script.path)\n")
        let chain = CredentialChain(environment: env(["AWS_PROFILE": "sso"]))
        let found = try await chain.resolve(transport: transport)
        #expect(found.accessKeyID == "PROCKEY" && found.sessionToken == "proctoken" && found.expiration != nil)
        // Expiring within the refresh margin: every use resolves again.
        let cache = CredentialCache(chain: chain, transport: transport)
        _ = try await cache.get()
        _ = try await cache.get()
        let calls = try String(contentsOf: counter, encoding: .utf8).split(separator: "\n").count
        #expect(calls == 3)
        // Far from expiry: cached.
        let relaxed = CredentialCache(chain: chain, transport: transport, refreshMargin: 10)
        _ = try await relaxed.get()
        _ = try await relaxed.get()
        #expect(try String(contentsOf: counter, encoding: .utf8).split(separator: "\n").count == 4)
    }

    @Test func brokenCredentialProcessIsOneClearLine() async throws {
        try write("config", "[profile bad]\ncredential_process = /bin/false\n")
        await #expect {
            try await resolve(env(["AWS_PROFILE": "bad"]))
        } throws: { error in
            "\(error)".contains("profile bad: credential_process exited with status 1")
        }
    }

    @Test func assumeRoleThroughSTS() async throws {
        let server = try MotoServer()
        try write("credentials", "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = basesecret\n")
        try write("config", """
            [profile ops]
            role_arn = arn:aws:iam::123456789012:role/drtop-readonly
            source_profile = base
            region = us-west-2
            """)
        let found = try await resolve(env(["AWS_PROFILE": "ops", "AWS_ENDPOINT_URL_STS": server.endpoint]))
        #expect(found.accessKeyID != "BASEKEY")
        #expect(found.sessionToken?.isEmpty == false)
        #expect(found.expiration != nil)
        #expect(found.source.contains("assumed arn:aws:iam::123456789012:role/drtop-readonly"))
    }

    @Test func containerAndInstanceMetadata() async throws {
        let server = try MotoServer(script: Self.metadataScript)
        let container = try await resolve(env([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret-container-token",
        ]))
        #expect(container.accessKeyID == "ASIACONTAINER" && container.sessionToken == "container-token")
        var imds = env(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.endpoint])
        imds["AWS_EC2_METADATA_DISABLED"] = nil
        let instance = try await resolve(imds)
        #expect(instance.accessKeyID == "ASIAIMDS" && instance.source == "instance metadata (role drtop-role)")
    }

    @Test func missingChainNamesWhatWasTried() async throws {
        await #expect {
            try await resolve(env())
        } throws: { error in
            let text = "\(error)"
            return text.contains("no AWS credentials found") && text.contains("environment variables")
                && text.contains("profile default") && text.contains("container credentials")
        }
    }
}
