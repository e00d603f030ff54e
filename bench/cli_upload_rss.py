#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Peak memory of `objproc ci-put --file` for a large file: the upload is streamed, so the
maximum resident set size stays flat whatever the file size.

Usage: cli_upload_rss.py <path to objproc> [size in MiB, default 1024]

Makes a sparse file of that size, uploads it with `ci-put --send` to a loopback sink (a local
HTTP server that reads and discards the body, then answers with an UploadResult), and prints
the child's maximum RSS (getrusage RUSAGE_CHILDREN) for the dry run, the send, and the send with
--content-md5 auto. Exit status 1 when a run fails or the bytes received differ from the size.
Needs a build with libcurl. Example keys only: nothing leaves 127.0.0.1.
"""
import http.server
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time

UPLOAD_RESULT = (b"<UploadResult><OriginalInfo><Key>big.bin</Key><Location>examplebucket-1250000000"
                 b".cos.ap-guangzhou.myqcloud.com/big.bin</Location><ETag>&quot;e&quot;</ETag>"
                 b"</OriginalInfo><ProcessResults></ProcessResults></UploadResult>")


class Sink(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PUT(self):
        left = int(self.headers.get("Content-Length", "0"))
        total = 0
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            total += len(chunk)
            left -= len(chunk)
        Sink.received.append(total)
        self.send_response(200)
        self.send_header("x-cos-request-id", "SINK-1")
        self.send_header("Content-Length", str(len(UPLOAD_RESULT)))
        self.end_headers()
        self.wfile.write(UPLOAD_RESULT)

    def log_message(self, *args):
        pass


def max_rss_kib(args, env):
    """Runs `args` in a fresh child (through a small wrapper, so RUSAGE_CHILDREN is its own)."""
    wrapper = ("import resource, subprocess, sys\n"
               "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)\n")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", wrapper] + args, env=env, capture_output=True,
                          text=True, timeout=1800)
    rss, rc = done.stdout.split()
    return int(rss), int(rc), time.monotonic() - start, done.stderr


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    mib = int(sys.argv[2]) if len(sys.argv) == 3 else 1024
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OSS_", "COS_", "TENCENT"))}
    env.update(COS_SECRET_ID="AKIDExampleSecretId", COS_SECRET_KEY="ExampleSecretKey456",
               NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.bin")
        with open(path, "wb") as f:
            f.truncate(mib << 20)  # sparse: no disk needed
        base = [binary, "ci-put", "--region", "ap-guangzhou", "--bucket",
                "examplebucket-1250000000", "--key", "big.bin", "--file", path,
                "--rule", "imageView2/format/png", "--fileid", "big.png"]
        send = ["--endpoint", f"http://127.0.0.1:{server.server_port}", "--send"]
        for label, extra in (("dry run", []), ("send", send),
                             ("send, Content-MD5 auto", send + ["--content-md5", "auto"])):
            Sink.received.clear()
            rss, rc, took, err = max_rss_kib(base + extra, env)
            ok = rc == 0 and (not extra or Sink.received == [mib << 20])
            failed |= not ok
            print(f"{label:24} {mib} MiB file: max RSS {rss / 1024:.1f} MiB, {took:.1f} s"
                  f"{'' if ok else '  FAILED: exit %d, received %s %s' % (rc, Sink.received, err)}")
    server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
