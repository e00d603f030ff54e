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
              set(r["error"]) == {"code", "message", "offset"}, r)
    check(results[14]["error"]["offset"] is not None, results[14])
    no_secret(out)


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
