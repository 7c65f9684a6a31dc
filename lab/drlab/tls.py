"""The lab's TLS: a self-signed certificate for 127.0.0.1 and localhost, made with /usr/bin/openssl when the lab
starts (RSA 2048 and SHA-256, as AWS's own endpoints' certificates), and the server side's SSL context. Clients trust
it through its path: AWS_CA_BUNDLE for drtop and boto3, `verify=PATH` for a boto3 client, `--cacert` for curl."""
import os, ssl, subprocess

OPENSSL = "/usr/bin/openssl"


def make_certificate(directory, days=7):
    """Writes cert.pem and key.pem into `directory` (subjectAltName IP:127.0.0.1 and DNS:localhost); returns their
    paths."""
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", str(days),
                    "-subj", "/CN=localhost", "-keyout", key, "-out", cert,
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-addext", "extendedKeyUsage=serverAuth"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.chmod(key, 0o600)
    return cert, key


def server_context(cert, key):
    """A server-side context for the certificate: TLS 1.2 and 1.3, as S3 accepts."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context
