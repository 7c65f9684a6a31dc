"""A WSGI server that keeps connections open, as AWS's endpoints do: HTTP/1.1 with keep-alive, optionally over TLS.

werkzeug's development server (what the lab's endpoints use by default) ends every answer with `Connection: close`,
so every request of a client costs a new connection. `PersistentServer` answers the same WSGI applications the way
AWS does instead:

- HTTP/1.1 persistent connections: a connection serves request after request until the client closes it, asks
  `Connection: close`, speaks HTTP/1.0 without `Connection: keep-alive`, or stays idle `idle_timeout` seconds.
- Every answer carries a correct `Content-Length`: the application's body is collected whole and measured (the
  application's own Content-Length, Transfer-Encoding and Connection headers are replaced), except for HEAD (the
  application's Content-Length, describing the GET, is kept and no body sent) and 1xx/204/304 (no body).
- The request body is read whole (Content-Length, or chunked) before the application runs, so a body the
  application does not read cannot be taken for the next request line.
- TLS (`ssl_context`): the handshake runs in the connection's own thread, never in the accept loop, so a client
  that connects and never speaks holds up no one else. A client that does not trust the certificate fails the
  handshake; it is counted (`tls_failures`).
- `stop()` closes the listener (connection refused) and every open connection, as a region going away does: a
  client holding a kept-alive connection sees it closed, not a region that still answers.
- An answer leaves in one write, on a socket with TCP_NODELAY: no answer waits for the client's delayed ACK.
- Counted under a lock: `connections` accepted, `requests` answered, `tls_failures`, and `tls_resumed` (TLS
  connections whose client resumed an earlier session instead of a full handshake) (`counts()`).

One thread per connection (ThreadingMixIn): the lab's endpoints lock moto themselves (gate.py), the server shares
nothing but its counters and its set of open connections, both under `self._lock`."""
import io, socket, ssl, sys, threading

from werkzeug.serving import DechunkedInput, ThreadedWSGIServer, WSGIRequestHandler

# Hop-by-hop and framing headers the server writes itself.
FRAMING = {"content-length", "transfer-encoding", "connection", "keep-alive"}


class PersistentHandler(WSGIRequestHandler):
    """One connection: werkzeug's request parsing and WSGI environ, answers framed for keep-alive."""
    protocol_version = "HTTP/1.1"
    # Buffered: an answer's status line, headers and body leave in one write (flushed at its end), not one TLS
    # record and TCP segment for the head and another for the body, which with Nagle's algorithm and the client's
    # delayed ACK held each answer on a kept connection ~40 ms.
    wbufsize = 64 * 1024

    def handle_expect_100(self):
        """`Expect: 100-continue` (boto3's PutObject): the interim answer leaves at once, not in the write buffer
        the client would wait on before sending the body."""
        self.send_response_only(100)
        self.end_headers()
        self.wfile.flush()
        return True

    def setup(self):
        self.timeout = self.server.idle_timeout  # StreamRequestHandler.setup applies it to the socket
        super().setup()

    def run_wsgi(self):
        server = self.server
        environ = self.make_environ()
        environ["wsgi.url_scheme"] = "https" if server.tls else "http"
        try:
            body = self.read_body()
        except (OSError, ValueError):
            self.close_connection = True
            return self.send_whole(400, "Bad Request", [("Content-Type", "text/plain")], b"bad request body\n")
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("wsgi.input_terminated", None)
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        answer = {}

        def start_response(status, headers, exc_info=None):
            # Nothing is sent before the application returns, so a later call (with exc_info) simply replaces
            # the answer, as PEP 3333 allows until headers are sent.
            answer["status"], answer["headers"] = status, list(headers)
            return lambda data: answer.setdefault("written", []).append(data)

        try:
            result = server.app(environ, start_response)
            try:
                chunks = answer.pop("written", []) + [chunk for chunk in result]
            finally:
                if hasattr(result, "close"):
                    result.close()
        except Exception:  # the application failed: a 500, as werkzeug answers one
            import traceback
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            return self.send_whole(500, "Internal Server Error", [("Content-Type", "text/plain")],
                                   b"Internal Server Error\n")
        code, _, reason = answer["status"].partition(" ")
        self.send_whole(int(code), reason, answer["headers"], b"".join(chunks))

    def read_body(self):
        """The whole request body: Content-Length bytes, or every chunk of a chunked one."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return DechunkedInput(self.rfile).read()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            raise ValueError("request body cut short")
        return body

    def send_whole(self, code, reason, headers, body):
        """Status line, the application's headers, the framing headers, then the body (none for HEAD, 1xx, 204,
        304)."""
        bodiless = self.command == "HEAD" or code < 200 or code in (204, 304)
        self.send_response(code, reason)
        length = None
        for name, value in headers:
            if name.lower() == "content-length":
                length = value
            elif name.lower() not in FRAMING:
                self.send_header(name, value)
        if self.command == "HEAD":
            if length is not None:
                self.send_header("Content-Length", length)  # the GET's length, as S3 answers HEAD
        elif not (code < 200 or code in (204, 304)):
            self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        elif self.request_version == "HTTP/1.0":
            self.send_header("Connection", "keep-alive")
        self.end_headers()
        if not bodiless:
            self.wfile.write(body)
        self.wfile.flush()
        self.server.count("requests")
        self.log_request(code, len(body))

    def log_request(self, code="-", size="-"):
        pass  # the lab's audit counts requests; a line per request on stderr would only cost the lab CPU

    def log_error(self, format, *args):
        pass  # idle timeouts and dropped connections are a client's business


class PersistentServer(ThreadedWSGIServer):
    """werkzeug's threaded WSGI server with PersistentHandler, TLS per connection, and stop() that closes every
    open connection."""

    def __init__(self, host, port, app, ssl_context=None, idle_timeout=60.0):
        self.tls = ssl_context
        self.idle_timeout = idle_timeout
        self._lock = threading.Lock()
        self._open = set()
        self._counts = {"connections": 0, "requests": 0, "tls_failures": 0, "tls_resumed": 0}
        super().__init__(host, port, app, handler=PersistentHandler)

    def count(self, name):
        with self._lock:
            self._counts[name] += 1

    def counts(self):
        with self._lock:
            return dict(self._counts)

    def process_request_thread(self, request, client_address):
        """In the connection's thread: the TLS handshake, then requests until the connection ends."""
        connection = request
        try:
            connection.settimeout(self.idle_timeout)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as AWS's endpoints answer at once
            if self.tls is not None:
                try:
                    connection = self.tls.wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError):
                    self.count("tls_failures")
                    return
            with self._lock:
                if self._stopped:
                    return
                self._open.add(connection)
                self._counts["connections"] += 1
                if self.tls is not None and connection.session_reused:
                    self._counts["tls_resumed"] += 1  # with its connection, so a reader never sees more resumed
            try:
                self.finish_request(connection, client_address)
            except Exception:
                self.handle_error(connection, client_address)
        finally:
            with self._lock:  # out of the set before the descriptor is closed, so stop() never shuts a reused one
                self._open.discard(connection)
            try:
                connection.close()
            except OSError:
                pass
            if connection is not request:
                request.close()

    _stopped = False

    def stop(self):
        """Closes the listener and every open connection (clients see them closed)."""
        with self._lock:
            self._stopped = True
            for connection in list(self._open):
                try:
                    socket.socket.shutdown(connection, socket.SHUT_RDWR)  # the descriptor only, not the TLS state
                except OSError:
                    pass
        self.shutdown()
        self.server_close()

    def handle_error(self, request, client_address):
        pass  # a connection the client dropped mid-answer ends that connection only
