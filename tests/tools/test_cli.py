#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the objproc command-line tool, run against the built binary.

Usage: test_cli.py <path to objproc> <case>   (one ctest test per case; `all` runs every case)

No network: requests are dry runs, except the --send cases, which talk to a one-shot HTTP
server on 127.0.0.1 (only when the binary was built with libcurl). Expected values come from
tests/vectors/signing.json (seed credentials, time 1795248000 = 2026-11-21T08:00:00Z).
"""
import base64
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

BINARY = None

OSS_ID, OSS_SECRET = "LTAI5tExampleAK", "ExampleSecretKey123"
COS_ID, COS_SECRET = "AKIDExampleSecretId", "ExampleSecretKey456"
SEED_TIME = "1795248000"
SEED_V4_AUTH = ("OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/"
                "aliyun_v4_request,Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff")
SEED_ASYNC_AUTH = ("OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/"
                   "aliyun_v4_request,Signature=e73ec10d0269319d3197527b190c82a755deea9412590d61e67f1c293e4d75c8")
SEED_V1_AUTH = "OSS LTAI5tExampleAK:aVhGeDETXU220FwooPTTxkfhteQ="
CI_PUT_AUTH = ("q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&"
               "q-key-time=1795248000;1795251600&q-header-list=content-length;content-type;host;"
               "pic-operations&q-url-param-list=&q-signature=ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9")
CI_PROCESS_AUTH = ("q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&"
                   "q-key-time=1795248000;1795251600&q-header-list=content-length;host;pic-operations&"
                   "q-url-param-list=image_process&q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a")
SEED_PIC_OPERATIONS = ('{"is_pic_info":1,"rules":[{"fileid":"format.png",'
                       '"rule":"imageView2/format/png"}]}')

SECRETS = [OSS_SECRET, COS_SECRET]


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def clean_env(**extra):
    """The environment without any vendor credentials, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OSS_", "COS_", "TENCENTCLOUD_"))}
    env.update(extra)
    return env


def oss_env(**extra):
    return clean_env(OSS_ACCESS_KEY_ID=OSS_ID, OSS_ACCESS_KEY_SECRET=OSS_SECRET, **extra)


def cos_env(**extra):
    return clean_env(COS_SECRET_ID=COS_ID, COS_SECRET_KEY=COS_SECRET, **extra)


def run(args, env=None, stdin=b""):
    """Runs the binary; returns (exit code, stdout, stderr) as text."""
    if env is None:
        env = clean_env()
    done = subprocess.run([BINARY] + args, input=stdin, capture_output=True, env=env, timeout=60)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def no_secret(text, secrets=SECRETS):
    for s in secrets:
        check(s not in text, f"secret {s!r} appears in the output:\n{text}")


def supports_send():
    code, out, _ = run(["--version"])
    check(code == 0, "--version failed")
    return "libcurl" in out and "without" not in out


# --------------------------------------------------------------------------------------------
# validate

def case_validate_ok():
    code, out, err = run(["validate", "oss", "image/resize,m_fixed,w_100,h_100"])
    check(code == 0 and out == "image/resize,m_fixed,w_100,h_100\n" and err == "",
          f"seed style: {code} {out!r} {err!r}")
    # The canonical form: padding dropped, colours upper case, saveas written o_ before b_.
    code, out, _ = run(["validate", "oss",
                        "image/resize,w_100|sys/saveas,b_dGFyZ2V0YnVja2V0,o_ZGVzdC5qcGc="])
    check(code == 0 and out == "image/resize,w_100|sys/saveas,o_ZGVzdC5qcGc,b_dGFyZ2V0YnVja2V0\n",
          f"canonical saveas: {out!r}")
    code, out, _ = run(["validate", "oss", "image/watermark,text_SGVsbG8gV29ybGQ=,color_ffffff"])
    check(code == 0 and out == "image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF\n",
          f"canonical watermark: {out!r}")
    code, out, _ = run(["validate", "ci", "imageMogr2/thumbnail/!50p|imageView2/format/png"])
    check(code == 0 and out == "imageMogr2/thumbnail/!50p|imageView2/format/png\n",
          f"ci rule: {out!r}")


def caret_column(err):
    lines = err.split("\n")
    check(len(lines) >= 2, f"expected two lines, got {err!r}")
    return lines[0], lines[1].index("^"), lines[1]


def case_validate_bad():
    text = "image/resize,w_100,m_abc"
    code, out, err = run(["validate", "oss", text])
    check(code == 1 and out == "", f"bad style: exit {code}, stdout {out!r}")
    check(err.count("\n") == 2, f"a two-line diagnostic, got {err!r}")
    first, column, second = caret_column(err)
    check(first == text, f"first line is the input: {first!r}")
    check(column == text.index("m_abc") + 2, f"caret under the bad value: column {column}")
    check(second.endswith("^ invalid enum value: lfit mfit fill pad fixed"), second)

    code, _, err = run(["validate", "oss", "image/resize,w_0"])
    first, column, second = caret_column(err)
    check(code == 1 and column == 15 and "value out of range" in second, err)

    rule = "imageMogr2/thumbnail/!50p/rotate/400"
    code, _, err = run(["validate", "ci", rule])
    first, column, second = caret_column(err)
    check(code == 1 and first == rule and column == rule.index("400"), err)
    check("value out of range" in second, second)

    # A caret counts characters, not bytes, so it stays under the right one after UTF-8.
    code, _, err = run(["validate", "oss", "image/resize,w_100,m_猫"])
    first, column, _ = caret_column(err)
    check(code == 1 and column == len("image/resize,w_100,m_"), err)


def case_validate_usage():
    code, _, err = run(["validate", "xml", "a"])
    check(code == 2 and "oss or ci" in err, f"unknown kind: {code} {err!r}")
    code, _, err = run(["validate", "oss"])
    check(code == 2, f"missing string: {code}")
    code, _, err = run(["validate", "--strict", "oss", "image/info"])
    check(code == 2 and "--strict" in err, f"unknown flag named: {err!r}")
    code, out, _ = run(["validate", "--help"])
    check(code == 0 and "usage: objproc validate" in out, out)


# --------------------------------------------------------------------------------------------
# presign

def ctest_env():
    """The environment ctest gives (the ENVIRONMENT property: the seed keys, as a user exports
    them); vendor variables not set there are removed."""
    env = dict(os.environ)
    check(env.get("OSS_ACCESS_KEY_ID") == OSS_ID and env.get("COS_SECRET_ID") == COS_ID,
          "run under ctest: it sets the seed keys in the environment")
    for k in list(env):
        if k.startswith("TENCENTCLOUD_") or k in ("OSS_SESSION_TOKEN", "COS_SESSION_TOKEN"):
            del env[k]
    return env


def case_presign_golden():
    # signing.json oss-v4-presign-get-process
    code, out, err = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                          "--key", "photos/猫 cat+1.jpg", "--style",
                          "image/resize,m_fill,w_200,h_200/quality,q_80/format,webp",
                          "--expires", "3600", "--time", SEED_TIME], env=ctest_env())
    expected = ("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/photos/%E7%8C%AB%20cat%2B1.jpg"
                "?x-oss-process=image%2Fresize%2Cm_fill%2Cw_200%2Ch_200%2Fquality%2Cq_80%2Fformat%2Cwebp"
                "&x-oss-credential=LTAI5tExampleAK%2F20261121%2Fcn-hangzhou%2Foss%2Faliyun_v4_request"
                "&x-oss-date=20261121T080000Z&x-oss-expires=3600"
                "&x-oss-signature-version=OSS4-HMAC-SHA256"
                "&x-oss-signature=e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e84\n")
    check(code == 0 and out == expected and err == "", f"oss v4 presign:\n{out}\n{err}")
    # signing.json oss-v1-presign-get-process
    code, out, _ = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                        "--key", "photos/cat.jpg", "--style", "image/resize,w_200",
                        "--signature", "v1", "--time", SEED_TIME], env=ctest_env())
    check(code == 0 and "Expires=1795251600" in out and
          "Signature=CKFRgXoyiBsSdPZhuhQkm0ZOVxg%3D" in out, f"oss v1 presign: {out}")
    # signing.json cos-presign-get-rule
    code, out, _ = run(["presign", "cos", "--region", "ap-guangzhou",
                        "--bucket", "examplebucket-1250000000", "--key", "dir/pic 1.jpg",
                        "--rule", "imageMogr2/thumbnail/!50p", "--expires", "600",
                        "--time", SEED_TIME], env=ctest_env())
    check(code == 0 and out.startswith(
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/pic%201.jpg?"
        "imageMogr2%2Fthumbnail%2F%2150p&") and
        "q-signature=4740dd0fa72048e630309be620611dc97acf39bd" in out, f"cos presign: {out}")
    no_secret(out)


def case_presign_errors():
    base = ["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
            "--key", "a.jpg", "--time", SEED_TIME]
    code, out, err = run(base + ["--style", "image/resize,w_1|sys/saveas,o_YQ"], env=oss_env())
    check(code == 1 and out == "" and "saveas" in err, f"saveas in a URL: {code} {err!r}")
    code, _, err = run(base + ["--expires", "604801"], env=oss_env())
    check(code == 1 and "--expires" in err, f"expires above 7 days: {err!r}")
    code, _, err = run(base + ["--rule", "imageMogr2/thumbnail/!50p"], env=oss_env())
    check(code == 2 and "--rule" in err, f"rule on oss: {err!r}")
    code, _, err = run(base + ["--expires", "-5"], env=oss_env())
    check(code == 2 and "--expires" in err, f"negative expires: {err!r}")
    code, _, err = run(["presign", "oss", "--bucket", "b"], env=oss_env())
    check(code == 2 and "--region" in err, f"missing region: {err!r}")
    code, _, err = run(["presign", "s3"] + base[2:], env=oss_env())
    check(code == 2 and "oss or cos" in err, f"unknown provider: {err!r}")


def case_presign_example_credentials():
    code, out, err = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                          "--key", "a.jpg", "--time", SEED_TIME])
    check(code == 0 and out.startswith("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.jpg?"),
          f"presign without keys: {code} {out!r}")
    check(out.count("\n") == 1, "stdout holds only the URL")
    check("EXAMPLE CREDENTIALS" in err and "OSS_ACCESS_KEY_ID" in err, f"banner: {err!r}")


# --------------------------------------------------------------------------------------------
# the four request commands

PROCESS = ["process", "--region", "cn-hangzhou", "--bucket", "examplebucket",
           "--key", "exampledir/example.jpg", "--style", "image/resize,m_fixed,w_100,h_100",
           "--target_image", "exampledir/resized.jpg", "--target_bucket", "targetbucket",
           "--time", SEED_TIME]
ASYNC = ["async-process", "--region", "cn-hangzhou", "--bucket", "examplebucket",
         "--key", "docs/example.docx", "--style", "doc/convert,target_png,source_docx",
         "--target_key", "dest.png", "--target_bucket", "examplebucket",
         "--notify-topic", "test-topic", "--time", SEED_TIME]
CI_PROCESS = ["ci-process", "--region", "ap-guangzhou", "--bucket", "examplebucket-1250000000",
              "--key", "local.jpg", "--rule", "imageView2/format/png", "--fileid", "format.png",
              "--time", SEED_TIME]


def case_dry_run_process():
    code, out, err = run(PROCESS + ["--dry-run"], env=oss_env())
    check(code == 0, f"exit {code}: {err}")
    check("POST /exampledir/example.jpg?x-oss-process HTTP/1.1" in out, out)
    check("Authorization: OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/"
          "aliyun_v4_request,Signature=" in out, f"signed Authorization prefix:\n{out}")
    check("3fd1b4bd" not in out, "the signature itself is redacted")
    check("x-oss-process=image%2Fresize%2Cm_fixed%2Cw_100%2Ch_100%7Csys%2Fsaveas%2Co_"
          "ZXhhbXBsZWRpci9yZXNpemVkLmpwZw%2Cb_dGFyZ2V0YnVja2V0" in out, "the seed body")
    check("curl -X POST 'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampledir/example.jpg"
          "?x-oss-process'" in out, "a curl command")
    check("EXAMPLE CREDENTIALS" not in err, "no banner with real keys")
    no_secret(out + err)
    # V1
    code, out, _ = run(PROCESS + ["--dry-run", "--signature", "v1"], env=oss_env())
    check(code == 0 and "Authorization: OSS LTAI5tExampleAK:" in out and
          "x-oss-date: Sat, 21 Nov 2026 08:00:00 GMT" in out, out)
    # A security token is sent, but never shown.
    code, out, err = run(PROCESS + ["--dry-run"], env=oss_env(OSS_SESSION_TOKEN="tok-SECRET-123"))
    check(code == 0 and "x-oss-security-token" in out, out)
    no_secret(out + err, SECRETS + ["tok-SECRET-123"])


def case_dry_run_without_credentials():
    for args in (PROCESS, ASYNC, CI_PROCESS):
        code, out, err = run(args)  # no keys, no flag: a dry run with the example keys
        check(code == 0, f"{args[0]}: exit {code}: {err}")
        check("DRY RUN WITH EXAMPLE CREDENTIALS" in err, f"{args[0]}: banner missing: {err!r}")
        check("--- signed request" in out and "--- curl ---" in out, out)
        no_secret(out + err)


def case_dry_run_async_and_ci():
    # With keys set, a build with libcurl would send: these tests always pass --dry-run.
    code, out, err = run(ASYNC + ["--dry-run"], env=oss_env())
    check(code == 0 and "POST /docs/example.docx?x-oss-async-process HTTP/1.1" in out, out + err)
    check("x-oss-async-process=doc%2Fconvert%2Ctarget_png%2Csource_docx%7Csys%2Fsaveas%2Co_"
          "ZGVzdC5wbmc%2Cb_ZXhhbXBsZWJ1Y2tldA%2Fnotify%2Ctopic_dGVzdC10b3BpYw" in out, out)
    code, out, err = run(CI_PROCESS + ["--dry-run"], env=cos_env())
    check(code == 0 and "POST /local.jpg?image_process HTTP/1.1" in out, out + err)
    check("Pic-Operations: " + SEED_PIC_OPERATIONS in out, out)
    check("q-signature=<redacted>" in out and "150940accd" not in out, out)
    no_secret(out + err)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "it's local.jpg")
        with open(path, "wb") as f:
            f.write(b"fakejpegbytes")
        code, out, err = run(["ci-put", "--region", "ap-guangzhou",
                              "--bucket", "examplebucket-1250000000", "--key", "local.jpg",
                              "--file", path, "--content-type", "image/jpeg",
                              "--rule", "imageView2/format/png", "--fileid", "format.png",
                              "--time", SEED_TIME, "--dry-run"], env=cos_env())
        check(code == 0 and "PUT /local.jpg HTTP/1.1" in out and "Content-Length: 13" in out,
              out + err)
        check("fakejpegbytes" not in out, "an uploaded file is not dumped on the terminal")
        check("q-header-list=content-length;content-type;host;pic-operations" in out, out)
        check("--data-binary @- < '" + path.replace("'", "'\\''") + "'" in out,
              f"curl reads the file:\n{out}")
        code, _, err = run(["ci-put", "--region", "ap-guangzhou",
                            "--bucket", "examplebucket-1250000000", "--key", "a.jpg",
                            "--file", os.path.join(tmp, "missing.jpg"),
                            "--rule", "imageView2/format/png", "--fileid", "f.png"], env=cos_env())
        check(code == 2 and "missing.jpg" in err, err)


def case_request_errors():
    bad = list(PROCESS)
    bad[bad.index("--style") + 1] = "image/resize,w_0"
    code, out, err = run(bad + ["--dry-run"], env=oss_env())
    check(code == 1 and out == "", f"bad style: exit {code}")
    check("--style" in err and "image/resize,w_0\n" in err and
          "               ^ value out of range" in err, f"caret diagnostic: {err!r}")
    code, _, err = run(PROCESS + ["--dry-run", "--bogus"], env=oss_env())
    check(code == 2 and "unknown flag --bogus" in err, err)
    code, _, err = run(PROCESS + ["--style"], env=oss_env())
    check(code == 2 and "--style" in err, err)
    code, _, err = run(PROCESS[:-2] + ["--time", "yesterday", "--dry-run"], env=oss_env())
    check(code == 2 and "--time" in err, err)
    code, _, err = run(PROCESS + ["--dry-run", "--send"], env=oss_env())
    check(code == 2, err)
    # sync-only vs async-only: video/convert needs async-process.
    code, _, err = run(["process", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                        "--key", "a.mov", "--style", "video/convert,f_mp4", "--target_image",
                        "b.mp4", "--dry-run"], env=oss_env())
    check(code == 1 and "asynchronous only" in err, err)
    code, _, err = run(CI_PROCESS[:-2] + ["--target_bucket", "Bad", "--dry-run"], env=cos_env())
    check(code == 1 and "--target_bucket" in err and "invalid bucket name" in err, err)
    code, _, err = run(["ci-process", "--region", "ap-guangzhou", "--bucket", "examplebucket",
                        "--key", "a.jpg", "--rule", "x", "--fileid", "y"], env=cos_env())
    check(code == 1 and "--bucket" in err, f"COS bucket without APPID: {err!r}")


def case_help():
    code, out, _ = run(["--help"])
    check(code == 0 and all(c in out for c in ("validate", "presign", "process", "async-process",
                                                "ci-put", "ci-process", "sign")), out)
    for command in ("validate", "presign", "process", "async-process", "ci-put", "ci-process",
                    "sign"):
        code, out, _ = run([command, "--help"])
        check(code == 0 and out.startswith("usage: objproc " + command), f"{command} --help")
    code, _, err = run(["frobnicate"])
    check(code == 2 and "frobnicate" in err, err)
    code, _, _ = run([])
    check(code == 2, "no command")


# --------------------------------------------------------------------------------------------
# --send against a local server (only with libcurl)

class Canned(http.server.BaseHTTPRequestHandler):
    status, headers, body = 200, {}, b""
    seen = []

    def respond(self):
        length = int(self.headers.get("Content-Length", "0"))
        Canned.seen.append((self.command, self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(Canned.status)
        for k, v in Canned.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(Canned.body)))
        self.end_headers()
        self.wfile.write(Canned.body)

    do_POST = do_PUT = respond

    def log_message(self, *args):
        pass


def serve(status, headers, body):
    Canned.status, Canned.headers, Canned.body, Canned.seen = status, headers, body, []
    server = http.server.HTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def case_send():
    if not supports_send():
        code, _, err = run(PROCESS + ["--send"], env=oss_env())
        check(code == 2 and "built without libcurl" in err, f"--send without libcurl: {err!r}")
        return
    server = serve(200, {"x-oss-request-id": "5C3D9F0E1A2B3C4D5E6F7081",
                         "Content-Type": "application/json"},
                   b'{"bucket": "targetbucket", "fileSize": 3267, '
                   b'"object": "exampledir/resized.jpg", "status": "OK"}')
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}"
        code, out, err = run(PROCESS + ["--endpoint", endpoint, "--send"], env=oss_env())
        check(code == 0, f"send: exit {code}: {err}")
        check(out == "status code: 200\nrequest id: 5C3D9F0E1A2B3C4D5E6F7081\nbucket: targetbucket\n"
                     "file size: 3267\nkey: exampledir/resized.jpg\nprocess status: OK\n", out)
        method, path, headers, body = Canned.seen[0]
        check(method == "POST" and path == "/examplebucket/exampledir/example.jpg?x-oss-process",
              f"path-style request: {path}")
        check(headers.get("Authorization", "").startswith("OSS4-HMAC-SHA256 Credential="), headers)
        check(body.startswith(b"x-oss-process=image%2Fresize"), body)
    finally:
        server.shutdown()
    server = serve(403, {"x-oss-request-id": "REQ-403", "Content-Type": "application/xml"},
                   b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch"
                   b"</Code><Message>The request signature we calculated does not match."
                   b"</Message><RequestId>REQ-403</RequestId><HostId>h</HostId>"
                   b"<EC>0002-00000040</EC></Error>")
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}"
        code, out, err = run(PROCESS + ["--endpoint", endpoint, "--send"], env=oss_env())
        check(code == 1, f"service error: exit {code}")
        check("SignatureDoesNotMatch" in err and "REQ-403" in err and "403" in err, err)
    finally:
        server.shutdown()
    server = serve(200, {"x-cos-request-id": "COS-REQ-1"},
                   b"<UploadResult><OriginalInfo><Key>local.jpg</Key><Location>examplebucket-"
                   b"1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg</Location><ETag>&quot;"
                   b"abc&quot;</ETag></OriginalInfo><ProcessResults><Object><Key>format.png</Key>"
                   b"<Location>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/format.png"
                   b"</Location><Format>PNG</Format><Width>640</Width><Height>427</Height>"
                   b"<Size>12345</Size><Quality>100</Quality><ETag>&quot;def&quot;</ETag>"
                   b"</Object></ProcessResults></UploadResult>")
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}"
        code, out, err = run(CI_PROCESS + ["--endpoint", endpoint, "--send"], env=cos_env())
        check(code == 0 and "request id: COS-REQ-1" in out and "processed: format.png" in out and
              "PNG, 640x427, 12345 bytes" in out, out + err)
    finally:
        server.shutdown()
    # Nothing listens: a transport error, exit 1, no crash.
    code, _, err = run(PROCESS + ["--endpoint", "http://127.0.0.1:9", "--send"], env=oss_env())
    check(code == 1 and "sending failed" in err, err)


# --------------------------------------------------------------------------------------------
# sign --jsonl

OSS_KEYS = {"access_key_id": OSS_ID, "access_key_secret": OSS_SECRET}
COS_KEYS = {"access_key_id": COS_ID, "access_key_secret": COS_SECRET}
SEED_PROCESS_LINE = {
    "id": 1, "provider": "oss", "op": "process_object", "region": "cn-hangzhou",
    "bucket": "examplebucket", "key": "exampledir/example.jpg",
    "style": "image/resize,m_fixed,w_100,h_100",
    "save_as": {"bucket": "targetbucket", "key": "exampledir/resized.jpg"},
    "time": 1795248000, "credentials": OSS_KEYS}


def jsonl(lines, env=None):
    """Runs sign --jsonl over `lines` (dicts are serialised, bytes/str sent as they are)."""
    raw = b""
    for line in lines:
        if isinstance(line, dict):
            line = json.dumps(line, ensure_ascii=False)
        if isinstance(line, str):
            line = line.encode("utf-8")
        raw += line + b"\n"
    code, out, err = run(["sign", "--jsonl"], env=env, stdin=raw)
    check(code == 0, f"sign --jsonl exit {code}: {err}")
    check(out.endswith("\n") or out == "", "every output line ends with a newline")
    results = [json.loads(l) for l in out.splitlines()]  # each line is valid JSON
    return results, out


def header(result, name):
    for n, v in result["headers"]:
        if n.lower() == name.lower():
            return v
    return None


def case_jsonl_golden():
    results, out = jsonl([
        SEED_PROCESS_LINE,
        {k: v for k, v in dict(SEED_PROCESS_LINE, id="v1", signature="v1").items()
         if k != "save_as"},
        {"id": 3, "provider": "oss", "op": "async_process_object", "region": "cn-hangzhou",
         "bucket": "examplebucket", "key": "docs/example.docx",
         "style": "doc/convert,target_png,source_docx",
         "save_as": {"bucket": "examplebucket", "key": "dest.png"}, "notify_topic": "test-topic",
         "time": 1795248000, "credentials": OSS_KEYS},
        {"id": 4, "provider": "cos", "op": "ci_put_object", "region": "ap-guangzhou",
         "bucket": "examplebucket-1250000000", "key": "local.jpg", "content_type": "image/jpeg",
         "body_base64": base64.b64encode(b"fakejpegbytes").decode(),
         "pic_operations": {"is_pic_info": 1, "rules": [{"fileid": "format.png",
                                                         "rule": "imageView2/format/png"}]},
         "time": 1795248000, "credentials": COS_KEYS},
        {"id": 5, "provider": "cos", "op": "ci_image_process", "region": "ap-guangzhou",
         "bucket": "examplebucket-1250000000", "key": "local.jpg",
         "pic_operations": {"is_pic_info": True, "rules": [{"fileid": "format.png",
                                                            "rule": "imageView2/format/png"}]},
         "time": 1795248000, "credentials": COS_KEYS},
        {"id": 6, "provider": "oss", "op": "presign_get", "region": "cn-hangzhou",
         "bucket": "examplebucket", "key": "photos/cat.jpg", "style": "image/resize,w_200",
         "signature": "v1", "expires": 3600, "time": 1795248000, "credentials": OSS_KEYS},
    ])
    check(len(results) == 6, out)
    seed = results[0]
    check(seed["id"] == 1 and seed["ok"] is True and seed["method"] == "POST", seed)
    check(seed["url"] == "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampledir/example.jpg"
                         "?x-oss-process", seed["url"])
    check(header(seed, "Authorization") == SEED_V4_AUTH, f"golden V4 Authorization: {seed}")
    check(header(seed, "x-oss-date") == "20261121T080000Z", seed)
    check(header(seed, "Content-Type") == "application/x-www-form-urlencoded", seed)
    check(base64.b64decode(seed["body_base64"]) ==
          b"x-oss-process=image%2Fresize%2Cm_fixed%2Cw_100%2Ch_100%7Csys%2Fsaveas%2Co_"
          b"ZXhhbXBsZWRpci9yZXNpemVkLmpwZw%2Cb_dGFyZ2V0YnVja2V0", seed["body_base64"])
    check(results[1]["id"] == "v1" and header(results[1], "Authorization") == SEED_V1_AUTH,
          results[1])
    check(header(results[2], "Authorization") == SEED_ASYNC_AUTH, results[2])
    check(header(results[3], "Authorization") == CI_PUT_AUTH, results[3])
    check(header(results[3], "Pic-Operations") == SEED_PIC_OPERATIONS, results[3])
    check(base64.b64decode(results[3]["body_base64"]) == b"fakejpegbytes", results[3])
    check(results[3]["method"] == "PUT", results[3])
    check(header(results[4], "Authorization") == CI_PROCESS_AUTH, results[4])
    check(results[5]["method"] == "GET" and results[5]["headers"] == [] and
          "Signature=CKFRgXoyiBsSdPZhuhQkm0ZOVxg%3D" in results[5]["url"], results[5])
    no_secret(out)


def case_jsonl_errors():
    line = dict(SEED_PROCESS_LINE, id="bad-style", style="image/resize,w_0")
    text = json.dumps(line)
    results, out = jsonl([
        text,                                                     # 0: a style error
        dict(SEED_PROCESS_LINE, id=2, colour="red"),              # 1: unknown field
        '{"id": 3, "provider": "oss",',                           # 2: truncated JSON
        "not json at all",                                        # 3
        dict(SEED_PROCESS_LINE, id=5, time="now"),                # 4: wrong type
        {k: v for k, v in dict(SEED_PROCESS_LINE, id=6).items() if k != "bucket"},  # 5: missing
        dict(SEED_PROCESS_LINE, id=7, rule="imageView2/format/png"),  # 6: not for oss
        dict(SEED_PROCESS_LINE, id=8, provider="s3"),             # 7
        dict(SEED_PROCESS_LINE, id=9, op="ci_put_object"),        # 8: cos op on oss
        dict(SEED_PROCESS_LINE, id=[1, 2]),                       # 9: id not a scalar
        b'{"id": 11, "key": "\xff\xfe"}',                         # 10: invalid UTF-8
        "[1, 2, 3]",                                              # 11: not an object
        dict(SEED_PROCESS_LINE, id=13, save_as={"key": "out.jpg", "acl": "private"}),  # 12
        dict(SEED_PROCESS_LINE, id=14, bucket="Bad_Bucket"),      # 13
        dict(SEED_PROCESS_LINE, id=15, credentials={"access_key_id": OSS_ID}),  # 14
        '{"id": 16, "id": 17}',                                   # 15: duplicate key
        dict(SEED_PROCESS_LINE, id=None),                         # 16: fine, id null
    ])
    check(len(results) == 17, f"one output per input line:\n{out}")
    codes = [r["error"]["code"] if not r["ok"] else "ok" for r in results]
    expected = ["value_out_of_range", "unknown_key", "invalid_json", "invalid_json", "wrong_type",
                "missing_key", "invalid_argument", "invalid_enum_value", "invalid_enum_value",
                "wrong_type", "invalid_utf8", "wrong_type", "unknown_key", "invalid_bucket_name",
                "missing_key", "duplicate_key", "ok"]
    check(codes == expected, f"error codes:\n{codes}\n{expected}")
    # Offsets point into the line: the style error at the '0' of w_0, the unknown field at its key.
    style_at = text.index("image/resize,w_0") + len("image/resize,w_")
    check(results[0]["error"]["offset"] == style_at, f"{results[0]} vs {style_at}")
    check(results[0]["id"] == "bad-style" and "style" in results[0]["error"]["message"], results[0])
    unknown = json.dumps(dict(SEED_PROCESS_LINE, id=2, colour="red"))
    check(results[1]["error"]["offset"] == unknown.index('"colour"'), results[1])
    check('"colour"' in results[1]["error"]["message"], results[1])
    check(results[1]["id"] == 2 and results[9]["id"] is None, "ids echoed when readable")
    check(results[2]["error"]["offset"] == len('{"id": 3, "provider": "oss",'), results[2])
    for r in results[:16]:
        check(r["ok"] is False and set(r) == {"id", "ok", "error"} and
              set(r["error"]) == {"code", "field", "message", "offset"}, r)
    # Each error names the member it belongs to; null for a line that is not a JSON object.
    fields = [r["error"]["field"] if not r["ok"] else "ok" for r in results]
    expected = ["style", "colour", None, None, "time", "bucket", "rule", "provider", "op", "id",
                None, None, "save_as.acl", "bucket", "credentials.access_key_secret", None, "ok"]
    check(fields == expected, f"error fields:\n{fields}\n{expected}")
    check(results[14]["error"]["offset"] is not None, results[14])
    no_secret(out)


def case_jsonl_fields():
    # The field comes from the library's error, wherever the library found the problem: an object
    # key refused by the signer is "key", never "credentials"; credentials are named by member.
    cos_line = {"id": 1, "provider": "cos", "op": "ci_image_process", "region": "ap-guangzhou",
                "bucket": "examplebucket-1250000000", "key": "local.jpg", "time": 1795248000,
                "credentials": COS_KEYS,
                "pic_operations": {"is_pic_info": 1, "rules": [{"fileid": "format.png",
                                                                "rule": "imageView2/format/png"}]}}
    async_line = dict(SEED_PROCESS_LINE, op="async_process_object",
                      style="doc/convert,target_png,source_docx")
    presign_line = {"id": 1, "provider": "oss", "op": "presign_get", "region": "cn-hangzhou",
                    "bucket": "examplebucket", "key": "a.jpg", "style": "image/resize,w_1",
                    "time": 1795248000, "credentials": OSS_KEYS}
    cases = [
        (dict(SEED_PROCESS_LINE, key="a\r\nb.jpg"), "invalid_object_key", "key"),
        (dict(SEED_PROCESS_LINE, key="a.jpg", signature="v1",
              credentials=dict(OSS_KEYS, security_token="t\r\nX: 1")),
         "invalid_header_value", "credentials.security_token"),
        (dict(SEED_PROCESS_LINE, credentials=dict(OSS_KEYS, access_key_secret="S\x1b")),
         "invalid_credentials", "credentials.access_key_secret"),
        (dict(SEED_PROCESS_LINE, credentials=dict(OSS_KEYS, access_key_id="LTAI:5")),
         "invalid_credentials", "credentials.access_key_id"),
        (dict(cos_line, credentials=dict(COS_KEYS, security_token="t\r\nX: 1")),
         "invalid_header_value", "credentials.security_token"),
        (dict(cos_line, credentials=dict(COS_KEYS, access_key_id="AKID&x")),
         "invalid_header_value", "credentials.access_key_id"),
        (dict(SEED_PROCESS_LINE, region="cn_hangzhou"), "invalid_region", "region"),
        (dict(cos_line, endpoint="cos..example.com"), "invalid_host", "endpoint"),
        (dict(SEED_PROCESS_LINE, save_as={"key": "/out.jpg"}), "invalid_object_key",
         "save_as.key"),
        (dict(SEED_PROCESS_LINE, save_as={"bucket": "B", "key": "out.jpg"}),
         "invalid_bucket_name", "save_as.bucket"),
        (dict(async_line, save_as={"key": "o.png"}, notify_topic="t\x01"), "unexpected_value",
         "notify_topic"),
        (dict(presign_line, expires=604801), "value_out_of_range", "expires"),
        (dict(presign_line, signature="v1", key="a\nb.jpg"), "invalid_object_key", "key"),
    ]
    results, out = jsonl([line for line, _, _ in cases])
    check(len(results) == len(cases), out)
    for (line, code, field), r in zip(cases, results):
        check(r["ok"] is False and r["error"]["code"] == code and r["error"]["field"] == field and
              r["error"]["message"].startswith(field + ": "), f"{field}: {r}")
    # Placed into the line: the endpoint's empty label, the region's '_'.
    text = json.dumps(cases[7][0])
    check(results[7]["error"]["offset"] == text.index("cos..example.com") + 4, results[7])
    text = json.dumps(cases[6][0])
    check(results[6]["error"]["offset"] == text.index("cn_hangzhou") + 2, results[6])
    no_secret(out, SECRETS + ["S\x1b"])
    # The same through flags: the key's flag, not the credentials.
    bad = list(PROCESS)
    bad[bad.index("--key") + 1] = "a\nb.jpg"
    code, out, err = run(bad + ["--dry-run"], env=oss_env())
    check(code == 1 and err.startswith("objproc: --key: invalid object key") and
          "credentials" not in err, f"a key refused by the signer: {err!r}")
    code, out, _ = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                        "--key", "a.jpg", "--time", SEED_TIME, "--expires", "604801", "--json"],
                       env=oss_env())
    answer = json.loads(out)
    check(code == 1 and answer["error"]["field"] == "expires", answer)


def case_jsonl_order_and_recovery():
    # Errors in between do not stop or reorder anything; blank lines are skipped.
    lines = []
    for i in range(40):
        if i % 3 == 1:
            lines.append('{"id": %d, "bogus": true}' % i)
        elif i % 7 == 0:
            lines.append('{"id": %d' % i)
        else:
            lines.append(dict(SEED_PROCESS_LINE, id=i))
        if i % 10 == 0:
            lines.append("")
    results, _ = jsonl(lines)
    check(len(results) == 40, f"{len(results)} results for 40 lines")
    for i, r in enumerate(results):
        if i % 7 == 0 and i % 3 != 1:
            check(r["ok"] is False and r["error"]["code"] == "invalid_json", r)
            continue
        check(r["id"] == i, f"line {i} answered in order: {r}")
        check(r["ok"] is (i % 3 != 1), r)
        if r["ok"]:
            check(header(r, "Authorization") == SEED_V4_AUTH, r)


def case_jsonl_huge_line():
    huge = '{"id": 1, "style": "' + "a" * (1 << 20) + '"}'
    almost = dict(SEED_PROCESS_LINE, id="almost")
    almost["key"] = "k" * 1000
    results, _ = jsonl([huge, dict(SEED_PROCESS_LINE, id=2), b"\x00\x01\x02", almost])
    check(len(results) == 4, results)
    check(results[0]["ok"] is False and results[0]["error"]["code"] == "text_too_long" and
          results[0]["id"] is None, results[0])
    check(results[1]["ok"] is True and results[1]["id"] == 2, "the stream goes on after it")
    check(results[2]["ok"] is False, results[2])
    check(results[3]["ok"] is True, results[3])
    # A last line without its newline is still answered.
    code, out, _ = run(["sign", "--jsonl"], stdin=json.dumps(SEED_PROCESS_LINE).encode())
    check(code == 0 and json.loads(out)["ok"] is True, out)


def case_jsonl_escaping():
    # A quote, a control character and non-ASCII travel through as valid JSON and UTF-8.
    results, out = jsonl([{
        "id": "猫 \"quoted\" \u0001", "provider": "cos", "op": "ci_image_process",
        "region": "ap-guangzhou", "bucket": "examplebucket-1250000000", "key": "dir/中文 a.jpg",
        "pic_operations": {"is_pic_info": 0, "rules": [
            {"fileid": "/thumbs/a \"q\".webp", "rule": "imageMogr2/thumbnail/!50p/format/webp"},
            {"bucket": "otherbucket-1250000000", "fileid": "图.jpg",
             "rule": "imageView2/format/png"}]},
        "time": 1795248000, "credentials": dict(COS_KEYS, security_token="tmp-token+/=")}])
    r = results[0]
    check(r["ok"] is True and r["id"] == "猫 \"quoted\" \u0001", r)
    check(r["url"] == "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/"
                      "%E4%B8%AD%E6%96%87%20a.jpg?image_process", r["url"])
    ops = json.loads(header(r, "Pic-Operations"))
    check(ops["rules"][0]["fileid"] == "/thumbs/a \"q\".webp" and
          ops["rules"][1]["fileid"] == "图.jpg", ops)
    check(header(r, "x-cos-security-token") == "tmp-token+/=", "the token is sent")
    check("\\u0001" in out and "图" in out, "control characters escaped, UTF-8 kept")
    no_secret(out)


def case_jsonl_terminal_controls():
    # DEL and the C1 controls (U+0080-U+009F; U+009B is a one-byte CSI on some terminals) are
    # valid in JSON as they are, but these lines reach terminals: written as \u escapes, in
    # echoed ids and in error text alike (found by the jsonl fuzz target).
    results, out = jsonl([
        dict(SEED_PROCESS_LINE, id="a\x7f\u009b2Jb"),
        {"id": 2, "provider": "oss", "c\x7fntent\u0085": 1},
    ])
    check(results[0]["ok"] is True and results[0]["id"] == "a\x7f\u009b2Jb", results[0])
    check(results[1]["ok"] is False and results[1]["error"]["code"] == "unknown_key", results[1])
    check(results[1]["error"]["field"] == "c\x7fntent\u0085", results[1])
    raw = out.encode("utf-8")
    check(b"\x7f" not in raw and b"\xc2\x9b" not in raw and b"\xc2\x85" not in raw,
          f"no raw DEL or C1 control: {out!r}")
    check("\\u007f" in out and "\\u009b" in out and "\\u0085" in out, out)


def case_jsonl_credentials():
    line = {k: v for k, v in SEED_PROCESS_LINE.items() if k != "credentials"}
    results, _ = jsonl([line], env=oss_env())
    check(header(results[0], "Authorization") == SEED_V4_AUTH, "keys from the environment")
    results, _ = jsonl([line], env=clean_env())
    check(results[0]["ok"] is False and results[0]["error"]["code"] == "missing_credentials" and
          results[0]["error"]["offset"] is None, results[0])
    cos_line = {"id": 1, "provider": "cos", "op": "ci_image_process", "region": "ap-guangzhou",
                "bucket": "examplebucket-1250000000", "key": "local.jpg", "time": 1795248000,
                "pic_operations": {"is_pic_info": 1, "rules": [{"fileid": "format.png",
                                                                "rule": "imageView2/format/png"}]}}
    env = clean_env(TENCENTCLOUD_SECRET_ID=COS_ID, TENCENTCLOUD_SECRET_KEY=COS_SECRET)
    results, _ = jsonl([cos_line], env=env)
    check(header(results[0], "Authorization") == CI_PROCESS_AUTH, "TENCENTCLOUD_* fallback")


def case_jsonl_mutations():
    # Random damage to valid lines (deterministic seed): every line still gets exactly one
    # well-formed answer, in order, and the tool never crashes (ASan in ci-sanitize).
    import random
    rng = random.Random(20261121)
    seeds = [json.dumps(SEED_PROCESS_LINE, ensure_ascii=False).encode(),
             json.dumps({"id": "cos", "provider": "cos", "op": "ci_put_object",
                         "region": "ap-guangzhou", "bucket": "examplebucket-1250000000",
                         "key": "猫.jpg", "body_base64": "ZmFrZQ==", "time": 1795248000,
                         "pic_operations": {"is_pic_info": 1, "rules": [
                             {"fileid": "a.png", "rule": "imageMogr2/thumbnail/!50p"}]},
                         "credentials": COS_KEYS}, ensure_ascii=False).encode()]
    alphabet = b'{}[]":,\\ 0123456789eE-+.tfnu\x00\x01\x7f\xc3\xa9\xe7\x8c\xab\xff_/|=!'
    lines = []
    for i in range(400):
        line = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            kind = rng.randrange(4)
            at = rng.randrange(len(line))
            if kind == 0:
                line[at] = rng.choice(alphabet)
            elif kind == 1:
                line.insert(at, rng.choice(alphabet))
            elif kind == 2:
                del line[at:at + rng.randint(1, 8)]
            else:
                line = line[:at]
        line = bytes(line).replace(b"\n", b" ")
        if line.strip(b" \t\r"):
            lines.append(line)
    code, out, err = run(["sign", "--jsonl"], stdin=b"\n".join(lines) + b"\n")
    check(code == 0, f"exit {code}: {err}")
    answers = out.splitlines()
    check(len(answers) == len(lines), f"{len(answers)} answers for {len(lines)} lines")
    for answer in answers:
        r = json.loads(answer)
        check(isinstance(r["ok"], bool) and "id" in r, answer)
        if not r["ok"]:
            check(isinstance(r["error"]["code"], str) and isinstance(r["error"]["message"], str), r)
    no_secret(out)

# --------------------------------------------------------------------------------------------
# request options: ci-put headers, OSS request payer and Content-MD5

def auth_field(authorization, name):
    """A q-* field of a COS Authorization value."""
    for part in authorization.split("&"):
        if part.startswith(name + "="):
            return part[len(name) + 1:]
    return None


def cos_signature(method, key, headers, authorization, secret=COS_SECRET):
    """The q-signature of a COS header-form request, recomputed here (doc 436/7778) over the
    headers named by its q-header-list, with the values the request sends."""
    import hashlib
    import hmac
    from urllib.parse import quote
    names = auth_field(authorization, "q-header-list").split(";")
    key_time = auth_field(authorization, "q-key-time")
    sent = {n.lower(): v for n, v in headers}
    pairs = sorted((quote(n, safe="-_.~").lower(), quote(sent[n], safe="-_.~")) for n in names)
    http_string = f"{method.lower()}\n/{key}\n\n" + "&".join(f"{k}={v}" for k, v in pairs) + "\n"
    string_to_sign = f"sha1\n{key_time}\n{hashlib.sha1(http_string.encode()).hexdigest()}\n"
    sign_key = hmac.new(secret.encode(), key_time.encode(), hashlib.sha1).hexdigest()
    return hmac.new(sign_key.encode(), string_to_sign.encode(), hashlib.sha1).hexdigest()


def oss_v1_authorization(result, resource, secret=OSS_SECRET):
    """The V1 Authorization of an OSS header-form request, recomputed here (doc 31951)."""
    import hashlib
    import hmac
    sent = {n.lower(): v for n, v in result["headers"]}
    oss_headers = "".join(f"{n}:{sent[n]}\n" for n in sorted(sent) if n.startswith("x-oss-"))
    string_to_sign = (f"{result['method']}\n{sent.get('content-md5', '')}\n"
                      f"{sent.get('content-type', '')}\n{sent['x-oss-date']}\n"
                      f"{oss_headers}{resource}")
    mac = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return f"OSS {OSS_ID}:" + base64.b64encode(mac).decode()


def content_md5(data):
    import hashlib
    return base64.b64encode(hashlib.md5(data).digest()).decode()


CI_PUT_OPTION_FLAGS = [
    ("--acl", "private", "x-cos-acl", "private"),
    ("--grant-read", 'id="100000000001",id="100000000001/100000000011"', "x-cos-grant-read",
     'id="100000000001",id="100000000001/100000000011"'),
    ("--grant-read-acp", 'id="qcs::cam::uin/100000000001:uin/100000000011"',
     "x-cos-grant-read-acp", 'id="qcs::cam::uin/100000000001:uin/100000000011"'),
    ("--grant-write-acp", 'id="100000000002"', "x-cos-grant-write-acp", 'id="100000000002"'),
    ("--grant-full-control", 'id="100000000003"', "x-cos-grant-full-control",
     'id="100000000003"'),
    ("--storage-class", "MAZ_STANDARD_IA", "x-cos-storage-class", "MAZ_STANDARD_IA"),
    ("--expires-at", "1795248000", "expires", "Sat, 21 Nov 2026 08:00:00 GMT"),
    ("--cache-control", "max-age=86400", "cache-control", "max-age=86400"),
    ("--content-disposition", 'attachment; filename="a.jpg"', "content-disposition",
     'attachment; filename="a.jpg"'),
    ("--content-encoding", "gzip", "content-encoding", "gzip"),
    ("--content-language", "zh-CN", "content-language", "zh-CN"),
    ("--content-md5", "auto", "content-md5", content_md5(b"fakejpegbytes")),
    ("--content-md5", "ZzD3iDJdrMAAb00lgLLeig==", "content-md5", "ZzD3iDJdrMAAb00lgLLeig=="),
    ("--meta", "origin=camera-7", "x-cos-meta-origin", "camera-7"),
    ("--traffic-limit", "838860800", "x-cos-traffic-limit", "838860800"),
]


def ci_put(tmp, extra, env=None):
    path = os.path.join(tmp, "local.jpg")
    with open(path, "wb") as f:
        f.write(b"fakejpegbytes")
    return run(["ci-put", "--region", "ap-guangzhou", "--bucket", "examplebucket-1250000000",
                "--key", "local.jpg", "--file", path, "--content-type", "image/jpeg",
                "--rule", "imageView2/format/png", "--fileid", "format.png",
                "--time", SEED_TIME, "--dry-run"] + extra, env=env or cos_env())


def shown_headers(out):
    """The headers of a dry run's signed request, lowercase names."""
    request = out.split("--- signed request (secrets redacted) ---\n", 1)[1].split("\n\n", 1)[0]
    return {line.split(": ", 1)[0].lower(): line.split(": ", 1)[1]
            for line in request.split("\n")[1:] if ": " in line}


def case_ci_put_options():
    with tempfile.TemporaryDirectory() as tmp:
        # Without options: the golden request.
        code, out, err = ci_put(tmp, [])
        check(code == 0 and "q-header-list=content-length;content-type;host;pic-operations&" in out,
              out + err)
        # Each flag alone: sent with its value, and named in q-header-list.
        for flag, value, header_name, sent in CI_PUT_OPTION_FLAGS:
            code, out, err = ci_put(tmp, [flag, value])
            check(code == 0, f"{flag} {value}: exit {code}: {err}")
            headers = shown_headers(out)
            check(headers.get(header_name) == sent, f"{flag}: {header_name} = {headers}")
            signed = auth_field(headers["authorization"], "q-header-list").split(";")
            check(header_name in signed, f"{flag}: {header_name} not signed: {signed}")
            no_secret(out + err)
        # All together, --meta repeated, --expires-at as an RFC 1123 date.
        extra = []
        for flag, value, _, _ in CI_PUT_OPTION_FLAGS:
            if (flag, value) != ("--content-md5", "ZzD3iDJdrMAAb00lgLLeig=="):
                extra += [flag, value]
        extra += ["--meta", "shot-at=2026 11 21"]
        extra[extra.index("1795248000")] = "Sat, 21 Nov 2026 08:00:00 GMT"
        code, out, err = ci_put(tmp, extra)
        check(code == 0, err)
        headers = shown_headers(out)
        check(headers["x-cos-meta-origin"] == "camera-7" and
              headers["x-cos-meta-shot-at"] == "2026 11 21", headers)
        check(headers["expires"] == "Sat, 21 Nov 2026 08:00:00 GMT", headers)
        check(auth_field(headers["authorization"], "q-header-list") ==
              "cache-control;content-disposition;content-encoding;content-language;content-length;"
              "content-md5;content-type;expires;host;pic-operations;x-cos-acl;"
              "x-cos-grant-full-control;x-cos-grant-read;x-cos-grant-read-acp;"
              "x-cos-grant-write-acp;x-cos-meta-origin;x-cos-meta-shot-at;x-cos-storage-class;"
              "x-cos-traffic-limit", headers["authorization"])
        code, out, _ = run(["ci-put", "--help"])
        check("--content-md5 B64|auto" in out and "(repeatable)" in out and
              "--expires-at TIME" in out, out)


def case_ci_put_option_errors():
    with tempfile.TemporaryDirectory() as tmp:
        # (flags, the flag the error names, what the message says)
        failures = [
            (["--acl", "public-read-write"], "--acl", "invalid enum value"),
            (["--acl", ""], "--acl", "invalid enum value"),
            (["--grant-read", '100000000001'], "--grant-read", "x-cos-grant-read:"),
            (["--grant-read-acp", 'id="1", id="2"'], "--grant-read-acp", "x-cos-grant-read-acp:"),
            (["--grant-write-acp", 'id=""'], "--grant-write-acp", "x-cos-grant-write-acp:"),
            (["--grant-full-control", 'id="1",'], "--grant-full-control",
             "x-cos-grant-full-control:"),
            (["--grant-read", ",".join(['id="1"'] * 101)], "--grant-read", "at most 100"),
            (["--storage-class", "standard"], "--storage-class", "x-cos-storage-class"),
            (["--cache-control", " max-age=1"], "--cache-control", "Cache-Control:"),
            (["--cache-control", ""], "--cache-control", "missing value"),
            (["--content-disposition", "inline\r\nx-cos-acl: public-read"],
             "--content-disposition", "Content-Disposition:"),
            (["--content-encoding", "g\tzip"], "--content-encoding", "Content-Encoding:"),
            (["--content-language", "中文"], "--content-language", "Content-Language:"),
            (["--content-md5", "ZzD3iDJdrMAAb00lgLLeig"], "--content-md5", "Content-MD5"),
            (["--content-md5", "676f02d9676f02d9676f02d9676f02d9"], "--content-md5",
             "Content-MD5"),
            (["--meta", "Origin=x"], "--meta", "lowercase"),
            (["--meta", "my_key=x"], "--meta", "lowercase"),
            (["--meta", "a="], "--meta", "empty value"),
            (["--meta", "a=1", "--meta", "a=2"], "--meta", "duplicate header"),
            (["--meta", "a=" + "v" * 2100], "--meta", "2 KB"),
            (["--meta", "a=" + "v" * 2000, "--meta", "b=" + "v" * 2000, "--meta", "c=" + "v" * 100],
             "--meta", "4 KB"),
            (["--traffic-limit", "819199"], "--traffic-limit", "819200 to 838860800"),
            (["--traffic-limit", "838860801"], "--traffic-limit", "819200 to 838860800"),
            (["--traffic-limit", "-1"], "--traffic-limit", "819200 to 838860800"),
        ]
        for extra, flag, says in failures:
            code, out, err = ci_put(tmp, extra)
            check(code == 1 and out == "", f"{extra[:2]}: exit {code}, stdout {out!r}")
            check(err.startswith(f"objproc: {flag}: ") and says in err, f"{extra[:2]}: {err!r}")
        # The caret points into the value.
        code, _, err = ci_put(tmp, ["--grant-read", 'id="1",id="2",id=x'])
        check('id="1",id="2",id=x\n' + " " * 17 + "^ invalid header value" in err, err)
        # Usage errors: malformed before any check.
        usage = [["--traffic-limit", "fast"], ["--expires-at", "tomorrow"],
                 ["--expires-at", "Sun, 21 Nov 2026 08:00:00 GMT"], ["--meta", "novalue"],
                 ["--acl", "private", "--acl", "default"]]
        for extra in usage:
            code, _, err = ci_put(tmp, extra)
            check(code == 2 and extra[0] in err, f"{extra}: exit {code}: {err!r}")


def case_process_options():
    for base, action in ((PROCESS, "x-oss-process"), (ASYNC, "x-oss-async-process")):
        code, out, err = run(base + ["--dry-run", "--request-payer", "requester", "--content-md5"],
                             env=oss_env())
        check(code == 0, f"{base[0]}: exit {code}: {err}")
        headers = shown_headers(out)
        check(headers.get("x-oss-request-payer") == "requester", headers)
        body = out.split("--- signed request (secrets redacted) ---\n", 1)[1]
        body = body.split("\n\n", 1)[1].split("\n--- curl ---", 1)[0]
        check(body.startswith(action + "="), body)
        check(headers.get("content-md5") == content_md5(body.encode()),
              f"Content-MD5 of the encoded body sent: {headers} {body!r}")
        no_secret(out + err)
        # Each alone; the default sends neither.
        code, out, _ = run(base + ["--dry-run", "--request-payer", "requester"], env=oss_env())
        check(code == 0 and "content-md5" not in shown_headers(out), out)
        code, out, _ = run(base + ["--dry-run", "--content-md5"], env=oss_env())
        check(code == 0 and "x-oss-request-payer" not in shown_headers(out), out)
        code, out, _ = run(base + ["--dry-run"], env=oss_env())
        check(code == 0 and not {"content-md5", "x-oss-request-payer"} & set(shown_headers(out)),
              out)
    code, out, err = run(PROCESS + ["--dry-run", "--request-payer", "bucket-owner"], env=oss_env())
    check(code == 1 and err.startswith("objproc: --request-payer: invalid enum value") and
          "requester" in err, err)
    code, _, err = run(PROCESS + ["--dry-run", "--content-md5=yes"], env=oss_env())
    check(code == 2 and "--content-md5 takes no value" in err, err)
    code, _, err = run(CI_PROCESS + ["--dry-run", "--acl", "private"], env=cos_env())
    check(code == 2 and "unknown flag --acl" in err, "ci-process has no PUT options")
    code, out, _ = run(["process", "--help"])
    check("--request-payer requester" in out and "--content-md5 " in out, out)


CI_PUT_LINE = {
    "id": "put", "provider": "cos", "op": "ci_put_object", "region": "ap-guangzhou",
    "bucket": "examplebucket-1250000000", "key": "local.jpg", "content_type": "image/jpeg",
    "body_base64": base64.b64encode(b"fakejpegbytes").decode(),
    "pic_operations": {"is_pic_info": 1, "rules": [{"fileid": "format.png",
                                                    "rule": "imageView2/format/png"}]},
    "time": 1795248000, "credentials": COS_KEYS}


def case_jsonl_options():
    options = {
        "acl": "bucket-owner-full-control", "grant_read": 'id="100000000001"',
        "grant_read_acp": 'id="100000000002"', "grant_write_acp": 'id="100000000003"',
        "grant_full_control": 'id="100000000004",id="100000000005"',
        "storage_class": "DEEP_ARCHIVE", "expires_at": 1795248000,
        "cache_control": "no-cache", "content_disposition": "inline",
        "content_encoding": "identity", "content_language": "en", "content_md5": True,
        "meta": {"origin": "camera-7", "x": "y z"}, "traffic_limit": 1048576}
    expected = {
        "x-cos-acl": "bucket-owner-full-control", "x-cos-grant-read": 'id="100000000001"',
        "x-cos-grant-read-acp": 'id="100000000002"', "x-cos-grant-write-acp": 'id="100000000003"',
        "x-cos-grant-full-control": 'id="100000000004",id="100000000005"',
        "x-cos-storage-class": "DEEP_ARCHIVE", "expires": "Sat, 21 Nov 2026 08:00:00 GMT",
        "cache-control": "no-cache", "content-disposition": "inline",
        "content-encoding": "identity", "content-language": "en",
        "content-md5": content_md5(b"fakejpegbytes"), "x-cos-meta-origin": "camera-7",
        "x-cos-meta-x": "y z", "x-cos-traffic-limit": "1048576"}
    lines = [dict(CI_PUT_LINE, **options)]
    lines += [dict(CI_PUT_LINE, id=k, **{k: v}) for k, v in options.items()]
    lines += [dict(CI_PUT_LINE, id="md5 text", content_md5="ZzD3iDJdrMAAb00lgLLeig=="),
              dict(CI_PUT_LINE, id="rfc1123", expires_at="Sat, 21 Nov 2026 08:00:00 GMT"),
              dict(CI_PUT_LINE, id="md5 off", content_md5=False)]
    oss_lines = [dict(SEED_PROCESS_LINE, id="v4", request_payer="requester", content_md5=True),
                 dict(SEED_PROCESS_LINE, id="v1", signature="v1", request_payer="requester",
                      content_md5=True),
                 dict(SEED_PROCESS_LINE, id="async", op="async_process_object",
                      key="docs/example.docx", style="doc/convert,target_png,source_docx",
                      save_as={"key": "dest.png"}, notify_topic="test-topic", signature="v1",
                      request_payer="requester", content_md5=True)]
    results, out = jsonl(lines + oss_lines)
    check(len(results) == len(lines) + len(oss_lines), out)
    for r in results:
        check(r["ok"] is True, r)
    everything = results[0]
    for name, value in expected.items():
        check(header(everything, name) == value, f"{name}: {everything['headers']}")
    for r in results[:len(lines)]:
        authorization = header(r, "Authorization")
        check(auth_field(authorization, "q-signature") ==
              cos_signature("PUT", "local.jpg", r["headers"], authorization),
              f"{r['id']}: the signature covers the headers sent: {r}")
    signed_as = {"acl": ["x-cos-acl"], "grant_read": ["x-cos-grant-read"],
                 "grant_read_acp": ["x-cos-grant-read-acp"],
                 "grant_write_acp": ["x-cos-grant-write-acp"],
                 "grant_full_control": ["x-cos-grant-full-control"],
                 "storage_class": ["x-cos-storage-class"], "expires_at": ["expires"],
                 "cache_control": ["cache-control"],
                 "content_disposition": ["content-disposition"],
                 "content_encoding": ["content-encoding"],
                 "content_language": ["content-language"], "content_md5": ["content-md5"],
                 "meta": ["x-cos-meta-origin", "x-cos-meta-x"],
                 "traffic_limit": ["x-cos-traffic-limit"]}
    check(set(signed_as) == set(options), "every option is checked alone")
    for r, key in zip(results[1:], options):
        signed = auth_field(header(r, "Authorization"), "q-header-list").split(";")
        for name in signed_as[key]:
            check(header(r, name) == expected[name] and name in signed, f"{key}: {name}: {r}")
        check(header(r, "Authorization") != CI_PUT_AUTH, key)
    check(header(results[len(lines) - 3], "Content-MD5") == "ZzD3iDJdrMAAb00lgLLeig==", out)
    check(header(results[len(lines) - 2], "Expires") == "Sat, 21 Nov 2026 08:00:00 GMT", out)
    check(header(results[len(lines) - 1], "Authorization") == CI_PUT_AUTH, "content_md5 false")
    v4, v1, async_v1 = results[len(lines):]
    for r, action in ((v4, "x-oss-process"), (v1, "x-oss-process"),
                      (async_v1, "x-oss-async-process")):
        body = base64.b64decode(r["body_base64"])
        check(header(r, "x-oss-request-payer") == "requester", r)
        check(header(r, "Content-MD5") == content_md5(body), r)
    check(header(v4, "Authorization") != SEED_V4_AUTH, "V4 signs the new headers")
    check(header(v1, "Authorization") ==
          oss_v1_authorization(v1, "/examplebucket/exampledir/example.jpg?x-oss-process"),
          f"V1 string to sign with Content-MD5 and x-oss-request-payer: {v1}")
    check(header(async_v1, "Authorization") ==
          oss_v1_authorization(async_v1, "/examplebucket/docs/example.docx?x-oss-async-process"),
          async_v1)
    no_secret(out)


def case_jsonl_option_errors():
    bad_grant = dict(CI_PUT_LINE, id=1, grant_read='id="1",id=2')
    bad_meta = dict(CI_PUT_LINE, id=8, meta={"a": "ok", "b": " lead"})
    lines = [
        bad_grant,                                                         # 0
        dict(CI_PUT_LINE, id=2, acl="public-read-write"),                  # 1
        dict(CI_PUT_LINE, id=3, storage_class="Standard"),                 # 2
        dict(CI_PUT_LINE, id=4, traffic_limit=100),                        # 3
        dict(CI_PUT_LINE, id=5, traffic_limit="819200"),                   # 4
        dict(CI_PUT_LINE, id=6, meta={"Upper": "x"}),                      # 5
        dict(CI_PUT_LINE, id=7, meta=["a", "b"]),                          # 6
        bad_meta,                                                          # 7
        dict(CI_PUT_LINE, id=9, content_md5="bad"),                        # 8
        dict(CI_PUT_LINE, id=10, content_md5=1),                           # 9
        dict(CI_PUT_LINE, id=11, expires_at="Sun, 21 Nov 2026 08:00:00 GMT"),  # 10
        dict(CI_PUT_LINE, id=12, expires_at=-5),                           # 11
        dict(CI_PUT_LINE, id=13, cache_control="a\r\nb"),                  # 12
        dict(CI_PUT_LINE, id=14, request_payer="requester"),               # 13: not for cos
        dict(SEED_PROCESS_LINE, id=15, request_payer="Requester"),         # 14
        dict(SEED_PROCESS_LINE, id=16, content_md5="auto"),                # 15
        dict(SEED_PROCESS_LINE, id=17, acl="private"),                     # 16: not for oss
        dict(CI_PUT_LINE, id=18, op="ci_image_process", body_base64=None, content_type=None,
             meta={"a": "b"}),                                             # 17
        dict(CI_PUT_LINE, id=19, content_md5=True, body_base64="ZmFrZQ==",
             **{"content_language": ""}),                                  # 18
    ]
    del lines[17]["body_base64"], lines[17]["content_type"]
    results, out = jsonl(lines)
    check(len(results) == len(lines), out)
    codes = [r["error"]["code"] if not r["ok"] else "ok" for r in results]
    expected = ["invalid_header_value", "invalid_enum_value", "invalid_enum_value",
                "value_out_of_range", "wrong_type", "invalid_header_name", "wrong_type",
                "invalid_header_value", "invalid_argument", "wrong_type", "invalid_date",
                "wrong_type", "invalid_header_value", "invalid_argument", "invalid_enum_value",
                "wrong_type", "invalid_argument", "invalid_argument", "missing_value"]
    check(codes == expected, f"error codes:\n{codes}\n{expected}")
    names = ["grant_read", "acl", "storage_class", "traffic_limit", "traffic_limit", "meta",
             "meta", "meta.b", "content_md5", "content_md5", "expires_at", "expires_at",
             "cache_control", "request_payer", "request_payer", "content_md5", "acl", "meta",
             "content_language"]
    for r, name in zip(results, names):
        check(name in r["error"]["message"], f"{name} named: {r}")
    # Offsets point into the line: at a value written with escapes (the grantee's quotes), its
    # start; else the bad byte (the meta value's leading space).
    text = json.dumps(bad_grant)
    check(results[0]["error"]["offset"] == text.index('"id=\\"1\\",id=2"'), results[0])
    text = json.dumps(bad_meta)
    check(results[7]["error"]["offset"] == text.index('" lead"') + 1, results[7])
    no_secret(out)


def case_unchecked():
    """--unchecked / "unchecked": true: the grammar without the vocabulary, never a fallback."""
    # validate: strict refuses an unknown operation; --unchecked passes it through verbatim.
    code, _, err = run(["validate", "oss", "image/facesx,w_1"])
    check(code == 1 and "unknown operation" in err, f"strict: exit {code}: {err}")
    code, out, err = run(["validate", "oss", "--unchecked", "image/facesx,w_1"])
    check(code == 0 and out == "image/facesx,w_1\n", f"unchecked: exit {code}: {out}{err}")
    # ... but still refuses CR/LF, an empty parameter, an empty operation.
    for bad in ["image/facesx,w_1\r\nX: y", "image/resize,,w_1", "image//resize,w_1",
                "image/facesx,w_1\n"]:
        code, _, err = run(["validate", "oss", "--unchecked", bad])
        check(code == 1, f"unchecked accepted {bad!r}: {err}")
    # CI likewise; placement still applies (--for).
    code, _, _ = run(["validate", "ci", "imageFuture/k/1"])
    check(code == 1, "strict CI accepts an unknown operation")
    code, out, err = run(["validate", "ci", "--unchecked", "imageFuture/k/1"])
    check(code == 0 and out == "imageFuture/k/1\n", f"unchecked CI: {out}{err}")
    code, _, err = run(["validate", "ci", "--unchecked", "imageFuture//1"])
    check(code == 1, f"unchecked CI accepts an empty segment: {err}")
    code, _, err = run(["validate", "ci", "--for", "download", "watermark/4/type/3/text/dGVzdA"])
    check(code == 1 and "download URL" in err, f"watermark/4 in a download URL: {err}")
    code, _, err = run(["validate", "oss", "--for", "bogus", "image/info"])
    check(code == 2, f"--for bogus: exit {code}")
    # presign: an unknown operation signs with --unchecked; sys/saveas is refused either way.
    presign = ["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
               "--key", "a.jpg", "--time", SEED_TIME]
    code, _, _ = run(presign + ["--style", "image/facesx,w_1"], env=oss_env())
    check(code == 1, "strict presign signs an unknown operation")
    code, out, err = run(presign + ["--unchecked", "--style", "image/facesx,w_1"], env=oss_env())
    check(code == 0 and "x-oss-process=image%2Ffacesx%2Cw_1" in out, f"unchecked presign: {out}{err}")
    saveas = "image/facesx,w_1|sys/saveas,o_ZXhhbXBsZWRpci9yZXNpemVkLmpwZw"
    code, _, err = run(presign + ["--unchecked", "--style", saveas], env=oss_env())
    check(code == 1 and "saveas" in err, f"unchecked presign with sys/saveas: exit {code}: {err}")
    # process: unchecked reaches the signed body; saveas is still checked (base64).
    code, out, err = run(PROCESS[:PROCESS.index("--style")] + ["--style", "image/facesx,w_1",
                         "--unchecked", "--dry-run"] + PROCESS[PROCESS.index("--style") + 2:],
                         env=oss_env())
    check(code == 0 and "x-oss-process=image%2Ffacesx%2Cw_1%7Csys%2Fsaveas" in out,
          f"unchecked process: {out}{err}")
    # jsonl: "unchecked": true signs an unknown operation and still refuses sys/saveas in a URL.
    line = {"id": 1, "provider": "oss", "op": "presign_get", "region": "cn-hangzhou",
            "bucket": "examplebucket", "key": "a.jpg", "style": "image/facesx,w_1",
            "time": int(SEED_TIME), "unchecked": True,
            "credentials": {"access_key_id": OSS_ID, "access_key_secret": OSS_SECRET}}
    strict = dict(line)
    del strict["unchecked"]
    results, _ = jsonl([line, strict, dict(line, id=3, style=saveas), dict(line, id=4, unchecked=1)])
    check(results[0].get("ok") is True and "image%2Ffacesx%2Cw_1" in results[0]["url"],
          f"jsonl unchecked: {results[0]}")
    check(results[1].get("ok") is False, f"jsonl strict: {results[1]}")
    check(results[2].get("ok") is False and "saveas" in json.dumps(results[2]),
          f"jsonl unchecked saveas: {results[2]}")
    check(results[3].get("ok") is False, f"jsonl unchecked must be a boolean: {results[3]}")
    # ci-process with "unchecked": true applies to its Pic-Operations rules.
    ci_line = {"id": 5, "provider": "cos", "op": "ci_image_process", "region": "ap-guangzhou",
               "bucket": "examplebucket-1250000000", "key": "a.jpg", "time": int(SEED_TIME),
               "credentials": {"access_key_id": COS_ID, "access_key_secret": COS_SECRET},
               "pic_operations": {"rules": [{"fileid": "o.png", "rule": "imageFuture/k/1"}]}}
    results, _ = jsonl([dict(ci_line, unchecked=True), ci_line])
    check(results[0].get("ok") is True and "imageFuture/k/1" in header(results[0], "Pic-Operations"),
          f"jsonl ci unchecked: {results[0]}")
    check(results[1].get("ok") is False, f"jsonl ci strict: {results[1]}")


# --------------------------------------------------------------------------------------------
# --send through the client, against tests/interop/server.py (signature-verifying, with faults)

SERVER_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop", "server.py")


class FaultServer:
    """tests/interop/server.py in the foreground, with the seed keys; stopped on exit."""

    def __enter__(self):
        import time
        self.tmp = tempfile.TemporaryDirectory()
        port_file = os.path.join(self.tmp.name, "port")
        self.proc = subprocess.Popen(
            [sys.executable, SERVER_PY, "--port-file", port_file, "--oss-id", OSS_ID,
             "--oss-secret", OSS_SECRET, "--cos-id", COS_ID, "--cos-secret", COS_SECRET,
             "--region", "cn-hangzhou", "--lifetime", "300"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while not os.path.exists(port_file):
            check(time.monotonic() < deadline and self.proc.poll() is None,
                  "server.py did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read().strip())
        self.endpoint = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.tmp.cleanup()

    def call(self, method, path, payload=None):
        import urllib.request
        data = None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(self.endpoint + path, data=data, method=method)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(req, timeout=10) as r:
            return json.loads(r.read() or b"{}")

    def reset(self, faults=()):
        self.call("POST", "/__reset", {})
        if faults:
            self.call("POST", "/__control", {"faults": list(faults)})

    def requests(self):
        return self.call("GET", "/__stats")["requests"]


def now_args(args):
    """`args` without --time: the server checks the signing time against its clock."""
    out = list(args)
    if "--time" in out:
        i = out.index("--time")
        del out[i:i + 2]
    return out


def timed(args, env, stdin=b""):
    import time
    start = time.monotonic()
    code, out, err = run(args, env=env, stdin=stdin)
    return code, out, err, time.monotonic() - start


def send_env(vendor="oss"):
    return (oss_env if vendor == "oss" else cos_env)(NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")


def case_send_faults():
    if not supports_send():
        return
    process = now_args(PROCESS)
    with FaultServer() as server:
        send = process + ["--endpoint", server.endpoint, "--send"]
        # 503 then 200: succeeds, two requests, each verified (signed afresh).
        server.reset(["status:503"])
        code, out, err = run(send, env=send_env())
        seen = server.requests()
        check(code == 0 and "process status: OK" in out, f"503 then 200: exit {code}: {out}{err}")
        check(len(seen) == 2 and all(r["verified"] for r in seen) and seen[0]["status"] == 503,
              f"two verified requests: {seen}")
        # 429 with Retry-After: 1 -> waits at least a second, then succeeds.
        server.reset(["status:429"])
        code, out, err, took = timed(send, send_env())
        check(code == 0 and len(server.requests()) == 2, f"429: exit {code}: {err}")
        check(took >= 0.9, f"Retry-After honoured: took {took:.2f} s")
        # A reset, then a truncated body: each retried.
        for fault in ("reset", "truncate"):
            server.reset([fault])
            code, out, err = run(send, env=send_env())
            check(code == 0 and "process status: OK" in out and len(server.requests()) == 2,
                  f"{fault}: exit {code}: {err} {server.requests()}")
        # A server clock an hour ahead: rejected, corrected, said on stderr, signed again.
        server.reset(["skew:3600"])
        code, out, err = run(send, env=send_env())
        seen = server.requests()
        check(code == 0 and len(seen) == 2 and seen[0].get("error") == "RequestTimeTooSkewed",
              f"skew: exit {code}: {err} {seen}")
        # 3600 s, give or take the second the two clocks may be read across.
        check("clock differs" in err and re.search(r"by 3(599|600|601) s", err) is not None,
              f"the correction is said: {err!r}")
        # --time far in the past is corrected the same way.
        server.reset()
        code, out, err = run(PROCESS + ["--endpoint", server.endpoint, "--send"], env=send_env())
        check(code == 0 and "clock differs" in err, f"--time corrected: exit {code}: {err}")
        # Slow: bounded by --timeout; the attempts are said.
        server.reset(["delay:5000"])
        code, out, err, took = timed(send + ["--timeout", "1", "--retries", "0"], send_env())
        check(code == 1 and took < 4.5, f"slow: exit {code} after {took:.1f} s: {err}")
        check("after 1 attempt" in err and "timed out" in err, f"timeout message: {err!r}")
        server.reset(["status:503", "status:503", "status:503"])
        code, out, err = run(send + ["--retries", "2"], env=send_env())
        check(code == 1 and "attempts: 3" in err and len(server.requests()) == 3, err)
        server.reset(["status:503"])
        code, out, err = run(send + ["--retries", "0"], env=send_env())
        check(code == 1 and "attempts: 1" in err and len(server.requests()) == 1, err)
        # Async after a 503: exactly one task request, unless asked.
        async_send = now_args(ASYNC) + ["--endpoint", server.endpoint, "--send"]
        server.reset(["status:503"])
        code, out, err = run(async_send, env=send_env())
        check(code == 1 and len(server.requests()) == 1 and "attempts: 1" in err,
              f"async after 503: exit {code}, {len(server.requests())} requests: {err}")
        server.reset(["status:503"])
        code, out, err = run(async_send + ["--retry-async"], env=send_env())
        check(code == 0 and len(server.requests()) == 2 and "task id:" in out, out + err)
        # COS through the client too: ci-process, and ci-put streaming a file.
        server.reset(["status:503"])
        code, out, err = run(now_args(CI_PROCESS) + ["--endpoint", server.endpoint, "--send"],
                             env=send_env("cos"))
        check(code == 0 and len(server.requests()) == 2 and "processed:" in out, out + err)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "a.jpg")
            with open(path, "wb") as f:
                f.write(b"j" * 300000)
            server.reset()
            code, out, err = run(["ci-put", "--region", "ap-guangzhou", "--bucket",
                                  "examplebucket-1250000000", "--key", "a.jpg", "--file", path,
                                  "--rule", "imageView2/format/png", "--fileid", "f.png",
                                  "--content-md5", "auto", "--endpoint", server.endpoint,
                                  "--send", "--json"], env=send_env("cos"))
            seen = server.requests()
            check(code == 0 and len(seen) == 1 and seen[0]["verified"] and
                  seen[0]["body_size"] == 300000, f"ci-put streamed: {out}{err} {seen}")
            answer = json.loads(out)
            check(answer["ok"] is True and answer["attempts"] == 1 and answer["status"] == 200 and
                  "original" in answer["result"], out)
            # A streamed body cannot be rewound: after a 503 it is not sent again.
            server.reset(["status:503"])
            code, out, err = run(["ci-put", "--region", "ap-guangzhou", "--bucket",
                                  "examplebucket-1250000000", "--key", "a.jpg", "--file", path,
                                  "--rule", "imageView2/format/png", "--fileid", "f.png",
                                  "--endpoint", server.endpoint, "--send"], env=send_env("cos"))
            check(code == 1 and len(server.requests()) == 1 and "attempts: 1" in err, err)
            # A service's refusal belongs to no input field.
            server.reset(["status:503"])
            code, out, err = run(["ci-put", "--region", "ap-guangzhou", "--bucket",
                                  "examplebucket-1250000000", "--key", "a.jpg", "--file", path,
                                  "--rule", "imageView2/format/png", "--fileid", "f.png",
                                  "--endpoint", server.endpoint, "--send", "--json"],
                                 env=send_env("cos"))
            answer = json.loads(out)
            check(code == 1 and answer["ok"] is False and answer["error"]["field"] is None, out)


def case_no_send_without_flag():
    if not supports_send():
        return
    with FaultServer() as server:
        server.reset()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "a.jpg")
            with open(path, "wb") as f:
                f.write(b"jpeg")
            put = ["ci-put", "--region", "ap-guangzhou", "--bucket", "examplebucket-1250000000",
                   "--key", "a.jpg", "--file", path, "--rule", "imageView2/format/png",
                   "--fileid", "f.png"]
            for args, env in ((now_args(PROCESS), send_env()), (now_args(ASYNC), send_env()),
                              (now_args(CI_PROCESS), send_env("cos")), (put, send_env("cos"))):
                for extra in ([], ["--dry-run"], ["--json"]):
                    code, out, err = run(args + ["--endpoint", server.endpoint] + extra, env=env)
                    check(code == 0, f"{args[0]} {extra}: exit {code}: {err}")
        check(server.requests() == [], f"no request without --send: {server.requests()}")
    # An empty endpoint is an error, never the production endpoint.
    code, out, err = run(PROCESS + ["--endpoint", "", "--send"], env=oss_env())
    check(code == 1 and "--endpoint" in err and "empty endpoint" in err, err)
    code, out, err = run(PROCESS + ["--endpoint="], env=oss_env())
    check(code == 1 and "--endpoint" in err and out == "", err)


def case_send_output_hygiene():
    if not supports_send():
        return
    # (A control character in a response header is refused by the transport itself.)
    server = serve(403, {"x-oss-request-id": "REQ-1", "Content-Type": "application/xml"},
                   b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                   b"<Message>evil \xc2\x9b2J text&#10;objproc: forged line&#13;&#9;</Message>"
                   b"<RequestId>REQ-1</RequestId><HostId>h</HostId></Error>")
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}"
        code, out, err = run(PROCESS + ["--endpoint", endpoint, "--send"], env=send_env())
        check(code == 1 and "AccessDenied" in err, f"exit {code}: {err!r}")
        check("\x9b" not in err and "\r" not in err and "\t" not in err, f"escaped: {err!r}")
        check("evil \\xc2\\x9b2J" in err and "\\x0aobjproc: forged line\\x0d\\x09" in err,
              repr(err))
        check("\nobjproc: forged line" not in err, "no forged line")
    finally:
        server.shutdown()


def case_write_errors():
    code, out, err = run(["validate", "--help"])
    # A full disk.
    with open("/dev/full", "wb") as full:
        done = subprocess.run([BINARY] + PROCESS, stdout=full, stderr=subprocess.PIPE,
                              env=oss_env(), timeout=30)
    check(done.returncode == 3 and b"cannot write the output" in done.stderr,
          f"/dev/full: exit {done.returncode}: {done.stderr!r}")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([BINARY, "sign", "--jsonl"], stdout=full, stderr=subprocess.PIPE,
                              input=(json.dumps(SEED_PROCESS_LINE) + "\n").encode(), timeout=30)
    check(done.returncode == 3 and b"cannot write" in done.stderr, done.stderr)
    # A closed pipe: the reader goes away; no death by SIGPIPE, a message and exit 3.
    proc = subprocess.Popen([BINARY, "sign", "--jsonl"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    line = (json.dumps(SEED_PROCESS_LINE) + "\n").encode()
    try:
        proc.stdin.write(line * 50)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    err = proc.stderr.read()
    check(proc.wait(timeout=30) == 3 and b"cannot write the output" in err,
          f"closed pipe: exit {proc.returncode}: {err!r}")
    code, out, _ = run(["--help"])
    check("3 the output could not be written" in out, "exit status 3 documented")


def case_jsonl_coprocess():
    """One line in, its answer out, before the next line is written."""
    import select
    proc = subprocess.Popen([BINARY, "sign", "--jsonl"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
    try:
        for i in range(3):
            line = dict(SEED_PROCESS_LINE, id=i)
            proc.stdin.write((json.dumps(line) + "\n").encode())
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 10)
            check(ready, f"no answer to line {i} within 10 s: the reader waits for more input")
            answer = json.loads(proc.stdout.readline())
            check(answer["id"] == i and answer["ok"] is True, answer)
        proc.stdin.write(b"{not json}\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 10)
        check(ready and json.loads(proc.stdout.readline())["ok"] is False, "error line answered")
        proc.stdin.close()
        check(proc.wait(timeout=10) == 0, "exit 0 at the end of the input")
    finally:
        if proc.poll() is None:
            proc.kill()


def case_file_not_regular():
    import time
    base = ["ci-put", "--region", "ap-guangzhou", "--bucket", "examplebucket-1250000000",
            "--key", "a.jpg", "--rule", "imageView2/format/png", "--fileid", "f.png"]
    start = time.monotonic()
    code, out, err = run(base + ["--file", "/dev/zero"], env=cos_env())
    check(code == 2 and "character device" in err and "Authorization" not in out,
          f"/dev/zero: exit {code}: {err}")
    check(time.monotonic() - start < 5, "/dev/zero refused quickly")
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        start = time.monotonic()
        code, out, err = run(base + ["--file", fifo, "--send"], env=cos_env())
        check(code == 2 and "FIFO" in err and time.monotonic() - start < 5, f"FIFO: {err}")
        code, out, err = run(base + ["--file", tmp], env=cos_env())
        check(code == 2 and "directory" in err, f"directory: {err}")
        # Content-MD5 auto over a streamed file: the same as computed here.
        path = os.path.join(tmp, "a.jpg")
        data = os.urandom(200000)
        with open(path, "wb") as f:
            f.write(data)
        code, out, err = run(base + ["--file", path, "--content-md5", "auto"], env=cos_env())
        check(code == 0 and "Content-MD5: " + content_md5(data) in out and
              "Content-Length: 200000" in out, out + err)


def case_shell_habits():
    code, out, _ = run(["--version"])
    check(code == 0 and out.startswith("objproc ") and "transport:" in out, out)
    # Seed spellings and dashed forms: the same request.
    dashed = [a.replace("--target_image", "--target-image").replace("--target_bucket",
                                                                       "--target-bucket")
              for a in PROCESS]
    _, seed_out, _ = run(PROCESS + ["--dry-run"], env=oss_env())
    code, out, err = run(dashed + ["--dry-run"], env=oss_env())
    check(code == 0 and out == seed_out, f"--target-image: {err}")
    code, out2, err = run([a.replace("--notify-topic", "--notify_topic").replace(
        "--target_key", "--target-key") for a in ASYNC], env=oss_env())
    _, out1, _ = run(ASYNC, env=oss_env())
    check(code == 0 and out1 == out2, f"--notify_topic: {err}")
    code, _, err = run(PROCESS + ["--target-key", "x"], env=oss_env())
    check(code == 2 and "same flag" in err, err)
    code, _, err = run(PROCESS + ["--taget_bucket", "x"], env=oss_env())
    check(code == 2 and "did you mean --target_bucket?" in err, err)
    code, _, err = run(PROCESS + ["--regoin", "x"], env=oss_env())
    check(code == 2 and "did you mean --region?" in err, err)
    code, _, err = run(PROCESS + ["--zzzzzzzz"], env=oss_env())
    check(code == 2 and "did you mean" not in err, err)
    # --json: the jsonl answer schema, the same signed request as sign --jsonl.
    code, out, err = run(PROCESS + ["--json"], env=oss_env())
    answer = json.loads(out)
    results, _ = jsonl([SEED_PROCESS_LINE])
    check(code == 0 and answer["ok"] is True and answer["id"] is None, out)
    check(answer["url"] == results[0]["url"] and answer["headers"] == results[0]["headers"] and
          answer["body_base64"] == results[0]["body_base64"], f"{answer}\n{results[0]}")
    bad = list(PROCESS)
    bad[bad.index("--style") + 1] = "image/resize,w_0"
    code, out, err = run(bad + ["--json"], env=oss_env())
    answer = json.loads(out)
    check(code == 1 and answer["ok"] is False and answer["error"]["code"] == "value_out_of_range"
          and answer["error"]["field"] == "style" and answer["error"]["message"].startswith("style:"),
          out)
    code, out, err = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                          "--key", "a.jpg", "--time", SEED_TIME, "--json"], env=oss_env())
    answer = json.loads(out)
    check(code == 0 and answer["ok"] is True and answer["method"] == "GET" and
          answer["url"].startswith("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.jpg?"),
          out + err)
    code, out, err = run(["presign", "oss", "--region", "cn-hangzhou", "--bucket", "examplebucket",
                          "--key", "a.jpg"], env=clean_env(OSS_ACCESS_KEY_ID="id\n",
                                                           OSS_ACCESS_KEY_SECRET="s"))
    check(code == 1 and "OSS_ACCESS_KEY_ID" in err and out == "", f"bad key id: {err!r}")
    # completion bash: a script bash accepts, naming the commands.
    code, out, err = run(["completion", "bash"])
    check(code == 0 and "complete -o default -F _objproc objproc" in out and "ci-put" in out, out)
    done = subprocess.run(["bash", "-n"], input=out.encode(), capture_output=True)
    check(done.returncode == 0, f"bash -n: {done.stderr!r}")
    code, _, err = run(["completion", "fish"])
    check(code == 2, err)
    # Flags for --send only are refused without it; bad values are named.
    for flag, value in (("--timeout", "0"), ("--timeout", "x"), ("--retries", "-1"),
                        ("--retries", "11"), ("--connect-timeout", "")):
        code, _, err = run(PROCESS + ["--send", flag, value], env=oss_env())
        check(code == 2 and flag in err, f"{flag} {value!r}: {err}")
    code, _, err = run(PROCESS + ["--retries", "1"], env=oss_env())
    check(code == 2 and "--send only" in err, err)


def case_hostile_inputs():
    """Every bad input of issue 14, through the flags and through sign --jsonl."""
    cos_base = ["ci-process", "--region", "ap-guangzhou", "--bucket", "examplebucket-1250000000",
                "--rule", "imageView2/format/png", "--fileid", "f.png", "--time", SEED_TIME]
    for key, what in (("k" * 851, "at most 850"), ("/a.jpg", "cannot start"),
                      ("\\a.jpg", "cannot start"), ("a\x1b[2Jb", "control"),
                      ("a\rb", "control"), ("a\tb", "control")):
        code, out, err = run(cos_base + ["--key", key], env=cos_env())
        check(code == 1 and err.startswith("objproc: --key:") and what in err and out == "",
              f"COS key {key[:20]!r}: exit {code}: {err!r}")
        results, _ = jsonl([dict(CI_PUT_LINE, key=key)])
        check(results[0]["ok"] is False and results[0]["error"]["message"].startswith("key:") and
              results[0]["error"]["code"] == "invalid_object_key", results)
    code, _, err = run(cos_base + ["--key", "k" * 850], env=cos_env())
    check(code == 0, f"850 bytes is allowed: {err}")
    for key in ("k" * 1024, "/a.jpg", "\\a.jpg"):
        code, _, err = run(PROCESS[:5] + ["--key", key] + PROCESS[7:], env=oss_env())
        check(code == 1 and err.startswith("objproc: --key:"), f"OSS key: {err!r}")
    for host in ("a..b", "-a.com", "a-.com", "a" * 300 + ".com", "a.com:0", "a.com:65536",
                 "user@a.com", "a.com/path", "a.com?x=1", "a.com."):
        code, out, err = run(PROCESS + ["--endpoint", host], env=oss_env())
        check(code == 1 and err.startswith("objproc: --endpoint:") and "invalid host" in err,
              f"endpoint {host[:20]!r}: exit {code}: {err!r}")
        results, _ = jsonl([dict(SEED_PROCESS_LINE, endpoint=host)])
        check(results[0]["ok"] is False and results[0]["error"]["code"] == "invalid_host" and
              results[0]["error"]["message"].startswith("endpoint:"), results)
    results, _ = jsonl([dict(SEED_PROCESS_LINE, endpoint="")])
    check(results[0]["ok"] is False and results[0]["error"]["message"].startswith("endpoint:"),
          results)
    for topic in ("t\r\nX: 1", "t\x00u", "t\x1b[0m"):
        line = dict(SEED_PROCESS_LINE, op="async_process_object",
                    style="doc/convert,target_png,source_docx", notify_topic=topic)
        results, _ = jsonl([line])
        check(results[0]["ok"] is False and
              results[0]["error"]["message"].startswith("notify_topic:"), results)
    code, _, err = run(ASYNC[:-4] + ["--notify-topic", "t\r\nX: 1", "--time", SEED_TIME],
                       env=oss_env())
    check(code == 1 and "--notify-topic" in err, err)
    for secret in ("Example\nSecret", "Example\x00Secret"[:7] + "\rS", "S\x1b"):
        results, out = jsonl([dict(SEED_PROCESS_LINE, credentials={
            "access_key_id": OSS_ID, "access_key_secret": secret})])
        check(results[0]["ok"] is False and results[0]["error"]["code"] == "invalid_credentials"
              and secret not in out, results)
        results, out = jsonl([dict(CI_PUT_LINE, credentials={
            "access_key_id": COS_ID, "access_key_secret": secret})])
        check(results[0]["ok"] is False and results[0]["error"]["code"] == "invalid_credentials",
              results)
    results, _ = jsonl([dict(SEED_PROCESS_LINE, credentials=dict(
        OSS_KEYS, security_token="tok\x1bX"))])
    check(results[0]["ok"] is False, results)
    code, out, err = run(PROCESS, env=clean_env(OSS_ACCESS_KEY_ID=OSS_ID,
                                                OSS_ACCESS_KEY_SECRET="Example\nSecret"))
    check(code == 1 and "OSS_ACCESS_KEY_SECRET" in err and "Example" not in err + out and
          "EXAMPLE CREDENTIALS" not in err, f"a bad secret is not replaced: {err!r}")


def main():
    global BINARY
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    cases = {name[5:]: f for name, f in globals().items() if name.startswith("case_")}
    selected = list(cases) if sys.argv[2] == "all" else [sys.argv[2]]
    failed = 0
    for name in selected:
        if name not in cases:
            print(f"unknown case {name}; cases: {' '.join(cases)}")
            return 2
        try:
            cases[name]()
            print(f"ok   {name}")
        except Failure as e:
            failed += 1
            print(f"FAIL {name}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
