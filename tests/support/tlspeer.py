#!/usr/bin/env python3
"""TLS peers for tst_tls, independent of the library's OpenSSL code: one
connection each, on 127.0.0.1 only. Prints "port N" once listening, then what
it observed, a line each.

  tlspeer.py renegotiate CERT KEY EVERY COUNT
      TLS 1.2 echo server that starts a renegotiation after every EVERY bytes
      received, COUNT times; at the end prints "renegotiated DONE of ASKED".
  tlspeer.py reset CERT KEY
      TLS echo of one chunk; at the next one a reset (SO_LINGER 0); prints "reset".
  tlspeer.py sni CERT KEY
      TLS echo server; prints "sni " and the raw SNI bytes in hex ("sni -": none).
  tlspeer.py hangup CERT KEY BYTES
      reads the ClientHello, sends the first BYTES bytes of its answer (0: none)
      and closes; prints "closed".
"""

import socket
import struct
import sys

try:
    from OpenSSL import SSL
except ImportError:
    print("missing pyOpenSSL (Debian: python3-openssl)", flush=True)
    sys.exit(2)


def accept():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(20)
    print(f"port {listener.getsockname()[1]}", flush=True)
    conn, _ = listener.accept()
    listener.close()
    # Blocking, as pyOpenSSL needs, but never stuck for good.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 20, 0))
    return conn


def context(cert, key, tls12=False):
    ctx = SSL.Context(SSL.TLS_SERVER_METHOD)
    if tls12:
        ctx.set_max_proto_version(SSL.TLS1_2_VERSION)
    ctx.use_certificate_chain_file(cert)
    ctx.use_privatekey_file(key)
    return ctx


def server(ctx, sock):
    conn = SSL.Connection(ctx, sock)
    conn.set_accept_state()
    conn.do_handshake()
    return conn


def echo(conn, received=None):
    """Echoes until the peer's end; calls received(byte count) after each chunk."""
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            conn.sendall(data)
            if received:
                received(len(data))
    except SSL.ZeroReturnError:
        conn.shutdown()  # answers the close_notify
    except (SSL.SysCallError, SSL.Error, OSError) as error:
        print(f"echo ended: {error!r}", file=sys.stderr, flush=True)


def renegotiate(cert, key, every, count):
    conn = server(context(cert, key, tls12=True), accept())
    state = {"bytes": 0, "asked": 0, "done": 0}

    def received(size):
        if state["asked"] > state["done"] and not conn.renegotiate_pending():
            state["done"] += 1
        state["bytes"] += size
        if (state["asked"] < count and state["asked"] == state["done"]
                and state["bytes"] >= every * (state["asked"] + 1)):
            conn.renegotiate()
            conn.do_handshake()  # the HelloRequest; the client answers while data flows
            state["asked"] += 1

    echo(conn, received)
    if state["asked"] > state["done"] and not conn.renegotiate_pending():
        state["done"] += 1
    print(f"renegotiated {state['done']} of {state['asked']}", flush=True)


def reset(cert, key):
    sock = accept()
    conn = server(context(cert, key), sock)
    conn.sendall(conn.recv(65536))
    conn.recv(65536)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    print("reset", flush=True)


def sni(cert, key):
    ctx = context(cert, key)
    seen = []
    ctx.set_tlsext_servername_callback(lambda conn: seen.append(conn.get_servername()))
    sock = accept()
    conn = SSL.Connection(ctx, sock)
    conn.set_accept_state()
    try:
        conn.do_handshake()
        echo(conn)
    except SSL.Error:
        pass
    name = seen[0] if seen else None
    print("sni " + (name.hex() if name else "-"), flush=True)


def hangup(cert, key, size):
    sock = accept()
    hello = sock.recv(65536)
    conn = SSL.Connection(context(cert, key), None)  # memory BIOs: nothing goes out by itself
    conn.set_accept_state()
    conn.bio_write(hello)
    try:
        conn.do_handshake()
    except SSL.WantReadError:
        pass
    answer = conn.bio_read(65536)
    sock.sendall(answer[:size])
    sock.close()
    print("closed", flush=True)


def main(args):
    mode = args[0]
    if mode == "renegotiate":
        renegotiate(args[1], args[2], int(args[3]), int(args[4]))
    elif mode == "reset":
        reset(args[1], args[2])
    elif mode == "sni":
        sni(args[1], args[2])
    elif mode == "hangup":
        hangup(args[1], args[2], int(args[3]))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
