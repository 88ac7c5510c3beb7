#!/usr/bin/env python3
"""A DTLS 1.2 peer for tst_dtls that openssl s_server cannot play, independent
of the library's OpenSSL code: one session on 127.0.0.1. Prints "port N" once
listening, then what it did.

  dtlspeer.py close CERT KEY
      echoes one packet, then ends the session with close_notify; prints
      "closed".
"""

import socket
import sys

try:
    from OpenSSL import SSL
except ImportError:
    print("missing pyOpenSSL (Debian: python3-openssl)", flush=True)
    sys.exit(2)


def flush(conn, sock):
    """Sends what OpenSSL wrote to its memory BIO: one flight, one datagram."""
    while True:
        try:
            sock.send(conn.bio_read(65536))
        except SSL.WantReadError:
            return


def close(cert, key):
    ctx = SSL.Context(SSL.DTLS_SERVER_METHOD)
    ctx.set_options(SSL.OP_NO_QUERY_MTU)
    ctx.use_certificate_file(cert)
    ctx.use_privatekey_file(key)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(20)
    print(f"port {sock.getsockname()[1]}", flush=True)
    datagram, client = sock.recvfrom(65536)
    sock.connect(client)
    conn = SSL.Connection(ctx, None)  # memory BIOs: nothing goes out by itself
    conn.set_ciphertext_mtu(1400)
    conn.set_accept_state()
    while True:
        conn.bio_write(datagram)
        try:
            conn.do_handshake()
            flush(conn, sock)
            break
        except SSL.WantReadError:
            flush(conn, sock)
        datagram = sock.recv(65536)
    while True:
        conn.bio_write(sock.recv(65536))
        try:
            packet = conn.recv(65536)
            break
        except SSL.WantReadError:
            flush(conn, sock)
    conn.send(packet)
    flush(conn, sock)
    conn.shutdown()
    flush(conn, sock)
    print("closed", flush=True)


def main(args):
    if args[0] == "close":
        close(args[1], args[2])
    else:
        sys.exit(f"unknown mode {args[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
