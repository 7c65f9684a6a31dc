import CCurl
import DRCore
import Foundation
import Synchronization

/// One HTTP client for every AWS call: libcurl's easy interface on a small pool of threads, with connection
/// reuse (handles and their connections are kept, each for one endpoint, so that a handle holds no connection to
/// an endpoint it is not used for, twice as many as transfers at once in all: `IdleHandles`; TLS sessions and DNS
/// answers shared by the transport's handles, so that a new connection to a host resumes an earlier one's TLS
/// session), a connect timeout and a request timeout, redirects never
/// followed, paths sent as they are (no dot-segment removal), only http and https, no cookies, and TLS verification always on (peer and host; there is no
/// setting that turns it off — AWS_CA_BUNDLE, as the AWS SDKs, or SSL_CERT_FILE names the trusted roots
/// instead of the system's). The trusted roots are read once per process and CA file (`TrustStores`), not for
/// every new connection. Answers over 32 MiB are
/// refused. Each transfer blocks one pool thread in poll(2): an idle or waiting transport costs no CPU.
package final class HTTPTransport: Sendable {
    /// Seconds allowed for a whole request.
    package let requestTimeout: Double
    private let connectTimeout: Double
    /// The most transfers at once (pool threads).
    package let connections: Int
    /// Idle handles by endpoint (scheme, host and port), each keeping its connection to that endpoint: at most
    /// two for each transfer at once in all.
    private let handles: Mutex<IdleHandles<Handle>>
    /// The TLS sessions and DNS answers this transport's handles share, and the share's locks (shim.h).
    private let share: Share?
    private let pool: BlockingPool
    /// A CA bundle to trust instead of the system's (AWS_CA_BUNDLE, then SSL_CERT_FILE).
    private let caBundle: String?
    private static let maxBody = 32 << 20
    private static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// A libcurl easy handle (it keeps its connections between transfers).
    private struct Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    /// A libcurl share (`drtop_share_new`): it locks itself.
    private struct Share: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        let locks: UnsafeMutableRawPointer
    }

    /// What a transfer collects; the callbacks reach it through an unmanaged pointer.
    private final class Collected {
        var body = Data()
        var headers: [String: String] = [:]
        var tooLarge = false
    }

    /// Creates a transport; `connectTimeout` bounds waiting for a connection, `requestTimeout` the whole request;
    /// `caBundle` the CA file to trust instead of the system's (default: AWS_CA_BUNDLE, then SSL_CERT_FILE).
    package init(connectTimeout: Double = Defaults.connectTimeoutSeconds, requestTimeout: Double = 10, connections: Int = 16,
                 caBundle: String? = HTTPTransport.environmentCABundle()) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.connections = max(1, connections)
        self.pool = BlockingPool(size: connections)
        self.caBundle = caBundle
        handles = Mutex(IdleHandles(limit: 2 * max(1, connections)))
        var locks: UnsafeMutableRawPointer?
        if Self.ready, let pointer = drtop_share_new(&locks), let locks {
            share = Share(pointer: pointer, locks: locks)
        } else {
            share = nil
        }
    }

    /// The CA file the environment names, as the AWS SDKs read it: AWS_CA_BUNDLE, then SSL_CERT_FILE.
    package static func environmentCABundle() -> String? {
        let environment = ProcessInfo.processInfo.environment
        return [environment["AWS_CA_BUNDLE"], environment["SSL_CERT_FILE"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    deinit {
        for handle in handles.withLock({ $0.all }) { curl_easy_cleanup(handle.pointer) }
        if let share { drtop_share_free(share.pointer, share.locks) }
    }

    /// Sends a request; transport failures become `SourceProblem`s (unreachable, timeout, bad response).
    package func send(method: String, url: URL, headers: [(String, String)], body: Data) async throws -> HTTPResponse {
        do {
            return try await attempt(method: method, url: url, headers: headers, body: body)
        } catch let failure as TransportFailure {
            throw failure.problem
        }
    }

    /// Sends a request once; a failure says whether the SDKs would retry it (`TransportFailure`).
    func attempt(method: String, url: URL, headers: [(String, String)], body: Data) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            pool.run { [self] in
                continuation.resume(with: Result { try perform(method: method, url: url, headers: headers, body: body) })
            }
        }
    }

    private func perform(method: String, url: URL, headers: [(String, String)], body: Data) throws -> HTTPResponse {
        let endpoint = "\(url.scheme ?? "")://\(Self.host(url))"
        guard Self.ready, let handle = handles.withLock({ $0.take(endpoint) }) ?? curl_easy_init().map(Handle.init) else {
            throw TransportFailure(SourceProblem(.other, "\(Self.host(url)): libcurl could not start"), retryable: false)
        }
        defer {
            curl_easy_reset(handle.pointer)  // keeps the handle's live connections
            if let evicted = handles.withLock({ $0.keep(handle, for: endpoint) }) { curl_easy_cleanup(evicted.pointer) }
        }
        let curl = handle.pointer
        if let share { drtop_curl_set_pointer(curl, CURLOPT_SHARE, share.pointer) }
        let collected = Collected()
        let context = Unmanaged.passUnretained(collected).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        var names = Set<String>()
        for (name, value) in headers where name.lowercased() != "host" {
            names.insert(name.lowercased())
            list = curl_slist_append(list, "\(name): \(value)")
        }
        // No 100-continue round trip, and no Content-Type curl would invent for a body.
        list = curl_slist_append(list, "Expect:")
        if !names.contains("content-type") { list = curl_slist_append(list, "Content-Type:") }

        // libcurl copies string options (URL, method, CA file) when they are set; only the body must stay put
        // until the transfer ends.
        setString(curl, CURLOPT_URL, url.absoluteString)
        drtop_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        drtop_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        drtop_curl_set_long(curl, CURLOPT_TIMEOUT_MS, Int(requestTimeout * 1000))
        drtop_curl_set_long(curl, CURLOPT_SSL_VERIFYPEER, 1)
        drtop_curl_set_long(curl, CURLOPT_SSL_VERIFYHOST, 2)
        if url.scheme == "https", let store = TrustStores.store(bundle: caBundle, curl: curl),
           drtop_curl_use_trust_store(curl, store.pointer) == CURLE_OK {
            // The roots loaded once (no CA file read for this connection); libcurl verifies as before.
        } else if let caBundle {
            setString(curl, CURLOPT_CAINFO, caBundle)
        }
        drtop_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0)
        // The path goes out as signed: S3 keys may hold "." and ".." segments, which libcurl would otherwise
        // resolve (RFC 3986), sending another key than the one signed (SignatureDoesNotMatch, or the wrong object).
        drtop_curl_set_long(curl, CURLOPT_PATH_AS_IS, 1)
        drtop_curl_set_long(curl, CURLOPT_PROTOCOLS, Int(CURLPROTO_HTTP | CURLPROTO_HTTPS))
        drtop_curl_set_pointer(curl, CURLOPT_HTTPHEADER, list)
        switch method {
        case "GET": break
        case "HEAD": drtop_curl_set_long(curl, CURLOPT_NOBODY, 1)
        default: setString(curl, CURLOPT_CUSTOMREQUEST, method)
        }
        drtop_curl_set_callback(curl, CURLOPT_WRITEFUNCTION, Self.collectBody)
        drtop_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        drtop_curl_set_callback(curl, CURLOPT_HEADERFUNCTION, Self.collectHeader)
        drtop_curl_set_pointer(curl, CURLOPT_HEADERDATA, context)
        let sendsBody = method != "GET" && method != "HEAD" && (!body.isEmpty || method == "POST" || method == "PUT")
        let code: CURLcode = body.withUnsafeBytes { bytes in
            if sendsBody {
                drtop_curl_set_size(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                drtop_curl_set_pointer(curl, CURLOPT_POSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(Self.empty.utf8Start))
            }
            return curl_easy_perform(curl)
        }
        guard code == CURLE_OK else { throw Self.failure(code, url: url, tooLarge: collected.tooLarge) }
        return HTTPResponse(status: drtop_curl_status(curl), headers: collected.headers, body: collected.body)
    }

    /// Where an empty body points (libcurl wants a pointer even for zero bytes): constant storage.
    private static let empty: StaticString = ""

    /// Sets a string option (libcurl keeps its own copy).
    private func setString(_ curl: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) {
        value.withCString { _ = drtop_curl_set_pointer(curl, option, $0) }
    }

    /// Appends what libcurl received to the transfer's body, refusing answers over `maxBody`.
    private static let collectBody: drtop_curl_data_callback = { data, size, count, context in
        let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        if collected.body.count + length > HTTPTransport.maxBody {
            collected.tooLarge = true
            return 0
        }
        if let data { collected.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
        return length
    }

    /// Keeps the final answer's header lines, names in lower case (repeated fields joined with commas).
    private static let collectHeader: drtop_curl_data_callback = { data, size, count, context in
        let collected = Unmanaged<Collected>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard let data else { return length }
        let line = UnsafeRawBufferPointer(start: data, count: length)
        if line.starts(with: "HTTP/".utf8) {
            collected.headers.removeAll()  // a new answer (after an interim one) starts afresh
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = Trimming.trimmed(line[(colon + 1)...])
            collected.headers[name] = collected.headers[name].map { "\($0),\(value)" } ?? value
        }
        return length
    }

    private static func host(_ url: URL) -> String {
        url.host.map { name in url.port.map { "\(name):\($0)" } ?? name } ?? "server"
    }

    /// What a failed transfer means. Retried, as the SDKs' standard mode retries connection errors: refused,
    /// reset, DNS, timeouts, answers cut short; not an answer too large to read, a TLS certificate that is not
    /// trusted, or a URL libcurl cannot use.
    private static func failure(_ code: CURLcode, url: URL, tooLarge: Bool) -> TransportFailure {
        let host = host(url)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return TransportFailure(SourceProblem(.timeout, "\(host): timed out"), retryable: true, timedOut: true)
        case CURLE_COULDNT_CONNECT:
            return TransportFailure(SourceProblem(.refused, "\(host): connection refused"), retryable: true)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return TransportFailure(SourceProblem(.unreachable, "\(host): DNS lookup failed"), retryable: true)
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return TransportFailure(SourceProblem(.unreachable, "\(host): connection reset"), retryable: true)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_ISSUER_ERROR:
            return TransportFailure(SourceProblem(.unreachable, "\(host): TLS certificate not trusted"), retryable: false)
        case CURLE_SSL_CONNECT_ERROR:
            return TransportFailure(SourceProblem(.unreachable, "\(host): TLS handshake failed"), retryable: true)
        case CURLE_PARTIAL_FILE:
            return TransportFailure(SourceProblem(.badResponse, "\(host): answer cut short (shorter than its Content-Length)"),
                                    retryable: true)
        case CURLE_WRITE_ERROR where tooLarge:
            return TransportFailure(SourceProblem(.badResponse, "\(host): answer larger than \(maxBody >> 20) MiB, not read"),
                                    retryable: false)
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            return TransportFailure(SourceProblem(.badResponse, "\(host): not a valid HTTP answer"), retryable: true)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return TransportFailure(SourceProblem(.other, "\(host): libcurl cannot use this URL"), retryable: false)
        default:
            let text = curl_easy_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
            return TransportFailure(SourceProblem(.unreachable, "\(host): \(text)"), retryable: true)
        }
    }
}

/// The trusted roots as one OpenSSL X509 store, loaded once per process for each CA file (a CA bundle, or libcurl's
/// built-in file and directory) and handed to every new TLS connection (shim.h: `drtop_curl_use_trust_store`).
/// libcurl would otherwise read and parse the CA file for every connection it opens: ~30 ms of CPU for the
/// system's 140 roots, paid by each of the 16–32 connections of a first poll against AWS. Nil when libcurl's TLS
/// library is not the OpenSSL drtop links, or the roots cannot be loaded: libcurl then reads them itself (and says
/// what is wrong with them). A CA file changed while drtop runs is read again by a new process.
enum TrustStores {
    /// A loaded store (freed never: one per CA file, for the life of the process).
    final class Store: @unchecked Sendable {  // X509_STORE locks itself; it is only read once loaded
        let pointer: UnsafeMutableRawPointer
        init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
    }

    private static let linked = drtop_curl_tls_is_linked_openssl() == 1
    /// By CA bundle path ("" for libcurl's built-in roots); nil once loading failed (not tried again).
    private static let loaded = Mutex<[String: Store?]>([:])

    /// The store for `bundle` (nil: libcurl's built-in CA file and directory), loading it on first use; `curl` is
    /// any handle (it tells libcurl's built-in locations).
    static func store(bundle: String?, curl: UnsafeMutableRawPointer) -> Store? {
        guard linked else { return nil }
        return loaded.withLock { stores -> Store? in
            let key = bundle ?? ""
            if let known = stores[key] { return known }
            let store: Store?
            if let bundle {
                store = drtop_trust_store_load(bundle, nil).map(Store.init)
            } else {
                var file: UnsafePointer<CChar>?
                var path: UnsafePointer<CChar>?
                store = drtop_curl_default_ca(curl, &file, &path) == 1
                    ? drtop_trust_store_load(file, path).map(Store.init) : nil
            }
            stores[key] = .some(store)
            return store
        }
    }
}
