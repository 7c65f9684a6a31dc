import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Refreshing temporary credentials: a loopback container endpoint serves five-minute credentials, then fails.
/// Times are given to the cache (`get(now:)`), so nothing waits.
@Suite(.serialized) struct CredentialRefreshTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/credential_server.py").path
    let transport = HTTPTransport(connectTimeout: 1, requestTimeout: 3)

    func call(_ server: MotoServer, _ method: String, _ path: String) async throws -> String {
        let response = try await transport.send(method: method, url: URL(string: server.endpoint + path)!,
                                                headers: [], body: Data())
        return String(decoding: response.body, as: UTF8.self)
    }

    /// A chain whose only link is the server's container endpoint.
    func chain(_ server: MotoServer) -> CredentialChain {
        CredentialChain(environment: [
            "HOME": "/nonexistent", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(server.endpoint)/creds",
        ])
    }

    /// A cache with botocore's windows over that chain.
    func cache(_ server: MotoServer) -> CredentialCache { CredentialCache(chain: chain(server), transport: transport) }

    @Test func failedRefreshKeepsValidCredentialsAndBacksOff() async throws {
        let server = try MotoServer(script: Self.script)
        let cache = cache(server)
        let first = try await cache.get()
        #expect(first.accessKeyID == "ASIAFLAKY1")
        let expiration = try #require(first.expiration)
        // Five minutes left is inside the mandatory window (ten): every call refreshes while that works.
        #expect(try await cache.get().accessKeyID == "ASIAFLAKY2")
        #expect(await cache.lastRefreshProblem == nil)

        _ = try await call(server, "POST", "/fail")
        let now = Date()
        let kept = try await cache.get(now: now)
        #expect(kept.accessKeyID == "ASIAFLAKY2")
        let problem = try #require(await cache.lastRefreshProblem)
        #expect(problem.message.hasPrefix("credential refresh failed (container credentials: HTTP 500 from 127.0.0.1); "
            + "using the current credentials until "))
        #expect(problem.message.hasSuffix(" UTC"))
        #expect(try await call(server, "GET", "/count") == "3")
        // No hammering: within 30 s of the failure the current credentials are used without asking.
        for offset in [0.0, 1, 29] {
            #expect(try await cache.get(now: now.addingTimeInterval(offset)).accessKeyID == "ASIAFLAKY2")
        }
        #expect(try await call(server, "GET", "/count") == "3")
        // After 30 s it tries again, fails again, still keeps them.
        #expect(try await cache.get(now: now.addingTimeInterval(31)).accessKeyID == "ASIAFLAKY2")
        #expect(try await call(server, "GET", "/count") == "4")
        // Expired: the call fails with the source's own message.
        let expired = expiration.addingTimeInterval(60)
        await #expect {
            try await cache.get(now: expired)
        } throws: { error in
            "\(error)" == "container credentials: HTTP 500 from 127.0.0.1"
        }
        #expect(await cache.lastRefreshProblem?.message == "container credentials: HTTP 500 from 127.0.0.1")
        // Once the source answers again, fresh credentials and no problem.
        _ = try await call(server, "POST", "/recover")
        #expect(try await cache.get(now: expired).accessKeyID == "ASIAFLAKY3")
        #expect(await cache.lastRefreshProblem == nil)
    }

    @Test func theMessageSaysUntilWhen() async throws {
        let server = try MotoServer(script: Self.script)
        let cache = cache(server)
        let expiration = try #require(try await cache.get().expiration)
        _ = try await call(server, "POST", "/fail")
        _ = try await cache.get()
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: expiration)
        let clock = [parts.hour!, parts.minute!, parts.second!].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        #expect(await cache.lastRefreshProblem?.message.hasSuffix("until \(clock) UTC") == true)
    }

    @Test func advisoryWindow() async throws {
        let server = try MotoServer(script: Self.script)
        // Five minutes left: outside a four-minute advisory window, cached; inside a six-minute one, refreshed.
        let relaxed = CredentialCache(chain: chain(server), transport: transport, refreshMargin: 160, advisoryMargin: 240)
        _ = try await relaxed.get()
        #expect(try await relaxed.get().accessKeyID == "ASIAFLAKY1")
        #expect(try await call(server, "GET", "/count") == "1")
        let eager = CredentialCache(chain: chain(server), transport: transport, refreshMargin: 240, advisoryMargin: 360)
        _ = try await eager.get()
        #expect(try await eager.get().accessKeyID == "ASIAFLAKY3")
        // A failure in the advisory window keeps the current credentials too.
        _ = try await call(server, "POST", "/fail")
        #expect(try await eager.get().accessKeyID == "ASIAFLAKY3")
        #expect(await eager.lastRefreshProblem?.message.hasPrefix("credential refresh failed") == true)
        #expect(await eager.credentials?.accessKeyID == "ASIAFLAKY3")
    }
}
