import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Web identity (EKS IRSA): STS AssumeRoleWithWebIdentity against moto's STS, from the environment and from a
/// profile, and where it sits in the chain.
@Suite(.serialized) struct WebIdentityTests {
    let home: URL
    let transport = HTTPTransport(connectTimeout: 1, requestTimeout: 5)
    let role = "arn:aws:iam::123456789012:role/drtop-irsa"

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-webid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: home.appendingPathComponent(".aws/\(name)"), atomically: true, encoding: .utf8)
    }

    /// A token file with a JWT-looking token, as the kubelet projects it.
    func tokenFile() throws -> String {
        let path = home.appendingPathComponent("token").path
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZHJ0b3AifQ.c2lnbmF0dXJl\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func env(_ extra: [String: String]) -> [String: String] {
        ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
    }

    func resolve(_ environment: [String: String], profile: String? = nil) async throws -> AWSCredentials {
        try await CredentialChain(environment: environment, profile: profile).resolve(transport: transport)
    }

    @Test func fromTheEnvironment() async throws {
        let server = try MotoServer()
        let token = try tokenFile()
        let base = env(["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": role,
                        "AWS_ENDPOINT_URL_STS": server.endpoint, "AWS_REGION": "us-west-2"])
        let found = try await resolve(base)
        #expect(found.accessKeyID.hasPrefix("ASIA") && found.sessionToken?.isEmpty == false)
        #expect(found.expiration.map { $0 > Date() } == true)
        // moto answers with the assumed-role ARN, which ends in the session name: a generated drtop-<time> one.
        #expect(found.source.hasPrefix("AWS_WEB_IDENTITY_TOKEN_FILE (web identity, assumed "
            + "arn:aws:sts::123456789012:assumed-role/drtop-irsa/drtop-"))
        var named = base
        named["AWS_ROLE_SESSION_NAME"] = "pod-7"
        #expect(try await resolve(named).source.hasSuffix("assumed-role/drtop-irsa/pod-7)"))
        // The token file is read at each resolution (each refresh): once gone, the next one says which file.
        try FileManager.default.removeItem(atPath: token)
        await #expect {
            try await resolve(base)
        } throws: { error in
            "\(error)" == "AWS_WEB_IDENTITY_TOKEN_FILE: cannot read the web identity token file \(token)"
        }
    }

    @Test func orderInTheChain() async throws {
        let server = try MotoServer()
        let token = try tokenFile()
        try write("credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n")
        let irsa = env(["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": role,
                        "AWS_ENDPOINT_URL_STS": server.endpoint])
        // Environment keys first, then web identity, then the shared profile.
        let keys = try await resolve(irsa.merging(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"]) { $1 })
        #expect(keys.accessKeyID == "ENVKEY")
        #expect(try await resolve(irsa).source.contains("web identity"))
        // Without AWS_ROLE_ARN the token file alone is not web identity: the profile answers.
        var noRole = irsa
        noRole["AWS_ROLE_ARN"] = nil
        #expect(try await resolve(noRole).accessKeyID == "FILEKEY")
        // --profile asks only the profile.
        #expect(try await resolve(irsa, profile: "default").accessKeyID == "FILEKEY")
    }

    @Test func fromAProfileAndAsASourceProfile() async throws {
        let server = try MotoServer()
        let token = try tokenFile()
        try write("config", """
            [profile eks]
            role_arn = \(role)
            web_identity_token_file = \(token)
            role_session_name = from-profile
            region = eu-west-1

            [profile chained]
            role_arn = arn:aws:iam::123456789012:role/drtop-readonly
            source_profile = eks
            """)
        let environment = env(["AWS_ENDPOINT_URL_STS": server.endpoint])
        let eks = try await resolve(environment, profile: "eks")
        #expect(eks.source == "profile eks (web identity, assumed arn:aws:sts::123456789012:assumed-role/drtop-irsa/from-profile)")
        #expect(eks.sessionToken?.isEmpty == false)
        let chained = try await resolve(environment.merging(["AWS_PROFILE": "chained"]) { $1 })
        #expect(chained.source == "profile chained (assumed arn:aws:iam::123456789012:role/drtop-readonly)")
        #expect(chained.accessKeyID != eks.accessKeyID)
    }

    @Test func missingTokenFileNamesIt() async throws {
        let missing = home.appendingPathComponent("no-such-token").path
        try write("config", "[profile eks]\nrole_arn = \(role)\nweb_identity_token_file = \(missing)\n")
        // No server: the file is read before anything is sent.
        let environment = env(["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"])
        await #expect {
            try await resolve(environment, profile: "eks")
        } throws: { error in
            "\(error)" == "profile eks: cannot read the web identity token file \(missing)"
        }
        await #expect {
            try await resolve(environment.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": home.path, "AWS_ROLE_ARN": role]) { $1 })
        } throws: { error in
            "\(error)" == "AWS_WEB_IDENTITY_TOKEN_FILE: cannot read the web identity token file \(home.path)"
        }
    }

    @Test func missingChainNamesWebIdentity() async throws {
        await #expect {
            try await resolve(env([:]))
        } throws: { error in
            "\(error)".contains("web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set)")
        }
    }
}
