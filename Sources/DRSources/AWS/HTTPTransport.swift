import DRCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP client for every AWS call: URLSession (libcurl underneath on Linux) with connection reuse,
/// a connect timeout and a request timeout, no cookies, no caching, and TLS verification always on.
public final class HTTPTransport: Sendable {
    private let session: URLSession
    /// Seconds allowed for a whole request.
    public let requestTimeout: Double

    /// Creates a transport; `connectTimeout` bounds waiting for a connection, `requestTimeout` the whole request.
    public init(connectTimeout: Double = 3, requestTimeout: Double = 10) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = connectTimeout
        configuration.timeoutIntervalForResource = requestTimeout
        configuration.httpMaximumConnectionsPerHost = 8
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
        self.requestTimeout = requestTimeout
    }

    /// Sends a request; transport failures become `SourceProblem`s (unreachable, timeout).
    public func send(method: String, url: URL, headers: [(String, String)], body: Data) async throws -> HTTPResponse {
        var request = URLRequest(url: url, timeoutInterval: requestTimeout)
        request.httpMethod = method
        for (name, value) in headers where name.lowercased() != "host" {
            request.addValue(value, forHTTPHeaderField: name)
        }
        if !body.isEmpty || method == "POST" { request.httpBody = body }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw SourceProblem(.badResponse, "\(url.host ?? "server"): not an HTTP response")
            }
            var fields: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { fields[key.lowercased()] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: fields, body: data)
        } catch let problem as SourceProblem {
            throw problem
        } catch let error as URLError {
            throw Self.problem(error, url: url)
        } catch {
            throw SourceProblem(.unreachable, "\(url.host ?? "server"): \(error.localizedDescription)")
        }
    }

    private static func problem(_ error: URLError, url: URL) -> SourceProblem {
        let host = url.host.map { name in url.port.map { "\(name):\($0)" } ?? name } ?? "server"
        switch error.code {
        case .timedOut: return SourceProblem(.timeout, "\(host): timed out")
        case .cannotConnectToHost: return SourceProblem(.unreachable, "\(host): connection refused")
        case .cannotFindHost, .dnsLookupFailed: return SourceProblem(.unreachable, "\(host): DNS lookup failed")
        case .networkConnectionLost: return SourceProblem(.unreachable, "\(host): connection reset")
        case .notConnectedToInternet: return SourceProblem(.unreachable, "\(host): network unreachable")
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .secureConnectionFailed:
            return SourceProblem(.unreachable, "\(host): TLS certificate not trusted")
        default: return SourceProblem(.unreachable, "\(host): \(error.localizedDescription)")
        }
    }
}
