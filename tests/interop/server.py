#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A loopback HTTP/1.1 stand-in for Alibaba OSS and Tencent COS, for interop tests.

It verifies request signatures with its own implementation of the vendors' published
algorithms (OSS V4 and V1, header and presigned; COS q-sign, header and presigned; see
docs/reference/oss.md and cos.md), taken from the bytes it received, and replies in the
vendors' formats with the samples of tests/vectors/responses.json. Python 3 standard library
only; it never imports the library under test.

Endpoints (path style: the host is an IP literal, so the bucket is the first path segment):
  OSS  POST /<bucket>/<key>?x-oss-process        body x-oss-process=<form-encoded style>
       POST /<bucket>/<key>?x-oss-async-process  body x-oss-async-process=<...>
       GET  /<bucket>/<key>?...                  presigned (V4 or V1): 200 with the key's bytes
  COS  PUT  /<bucket>/<key>                      Pic-Operations, Content-Length = body
       POST /<bucket>/<key>?image_process        Pic-Operations, empty body
       GET  /<bucket>/<key>?...                  presigned: 200 with the key's bytes
The vendor is told by the signature (Authorization scheme or presigned query parameters).
A Content-MD5 header, when sent, must match the body (400 InvalidDigest / BadDigest).

Control (never counted, never faulted):
  POST /__control {"faults": ["status:503", "status:429", "status:500", "reset", "delay:<ms>",
                   "truncate", "skew:<seconds>", "close"]}
       queues one fault per later request, first in first out; "skew:N" instead sets the
       server clock to real time + N seconds at once (not queued).
  GET  /__stats   {"requests": [{"method", "path", "query", "key", "verified", "request_id",
                   ...}, ...]}
  POST /__reset   clears faults, skew and stats.
A request that is to be reset or closed always arrives on a fresh connection: while such a
fault is next in the queue every reply says Connection: close, and queueing one closes the
idle kept-alive connections. Otherwise libcurl would resend it on a new connection (it cannot
tell a reset from a stale kept-alive connection) and the fault would hit the wrong request.

Command line:
  server.py --port-file F --pid-file P --oss-id .. --oss-secret .. --cos-id .. --cos-secret ..
            [--region cn-hangzhou] [--background] [--lifetime 900] [--log FILE]
            [--tls-cert CERT.pem --tls-key KEY.pem --tls-port-file F2]
  With --tls-*, the same server (one fault queue, one request log, one clock) also listens for
  HTTPS on a second loopback port, written to F2; control requests go to either port.
  server.py --stop --pid-file P
  server.py --self-test        checks this signer against tests/vectors/signing.json
"""

import argparse
import base64
import calendar
import email.utils
import hashlib
import hmac
import json
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors")
MAX_SKEW = 15 * 60  # seconds both vendors tolerate
MAX_BODY = 64 << 20
MAX_DELAY_MS = 30000
IDLE_TIMEOUT = 15  # seconds a connection may sit idle or stall mid-request


# --------------------------------------------------------------------------------------------
# Encoding helpers


UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def uri_encode(text, keep=b""):
    """%XX (uppercase) for every byte of UTF-8 `text` outside the unreserved set and `keep`."""
    out = []
    for byte in text.encode("utf-8", "surrogateescape"):
        if byte in UNRESERVED or byte in keep:
            out.append(chr(byte))
        else:
            out.append("%%%02X" % byte)
    return "".join(out)


def decode(text):
    """Percent-decoding as bytes, then UTF-8; '+' stays '+' (only form bodies mean space)."""
    return urllib.parse.unquote_to_bytes(text).decode("utf-8", "surrogateescape")


def split_query(raw):
    """The raw query as ordered (key, value) pairs, decoded; value None for a bare key."""
    pairs = []
    if not raw:
        return pairs
    for piece in raw.split("&"):
        if piece == "":
            continue
        if "=" in piece:
            k, v = piece.split("=", 1)
            pairs.append((decode(k), decode(v)))
        else:
            pairs.append((decode(piece), None))
    return pairs


def sha256_hex(data):
    return hashlib.sha256(data.encode("utf-8", "surrogateescape")).hexdigest()


def hmac256(key, msg):
    return hmac.new(key, msg.encode("utf-8", "surrogateescape"), hashlib.sha256).digest()


def hmac1_hex(key, msg):
    return hmac.new(key.encode("utf-8"), msg.encode("utf-8", "surrogateescape"),
                    hashlib.sha1).hexdigest()


def header_get(headers, name):
    """The first value of header `name` (any case), or None. `headers`: (name, value) pairs."""
    lower = name.lower()
    for n, v in headers:
        if n.lower() == lower:
            return v
    return None


def rfc1123(t):
    return email.utils.formatdate(t, usegmt=True)


def iso8601_basic(t):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))


def parse_iso8601_basic(text):
    return calendar.timegm(time.strptime(text, "%Y%m%dT%H%M%SZ"))


def parse_rfc1123(text):
    parsed = email.utils.parsedate_tz(text)
    if parsed is None:
        raise ValueError("not an RFC 1123 date")
    return email.utils.mktime_tz(parsed)


class Rejected(Exception):
    """A request the vendor would refuse: HTTP status, error code and message."""

    def __init__(self, status, code, message, extra=None, verified=False):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}
        self.verified = verified  # the signature itself was right (a time check failed)


def unknown_access_key():
    return Rejected(403, "InvalidAccessKeyId", "The access key id you provided does not exist.")


def expired():
    return Rejected(403, "AccessDenied", "Request has expired.", verified=True)


def bad_signature(message, extra=None):
    return Rejected(403, "SignatureDoesNotMatch", message, extra)


# --------------------------------------------------------------------------------------------
# OSS V4 (OSS4-HMAC-SHA256), oss.md §2.3-2.4


def default_signed(lower_name):
    """Headers V4 always signs; AdditionalHeaders names the others."""
    return lower_name in ("content-type", "content-md5") or lower_name.startswith("x-oss-")


def oss_v4_canonical_request(method, bucket, key, query, headers, additional, payload_hash):
    if bucket:
        resource = "/" + bucket + "/" + key
    else:
        resource = "/"
    uri = uri_encode(resource, keep=b"/")
    encoded = sorted((uri_encode(k), None if v is None or v == "" else uri_encode(v))
                     for k, v in query)
    canonical_query = "&".join(k if v is None else k + "=" + v for k, v in encoded)
    wanted = set(a.lower() for a in additional)
    signed = {}
    for name, value in headers:
        lower = name.lower()
        if default_signed(lower) or lower in wanted:
            value = value.strip()
            signed[lower] = signed[lower] + "," + value if lower in signed else value
    block = "".join("%s:%s\n" % (n, signed[n]) for n in sorted(signed))
    additional_line = ";".join(sorted(n for n in wanted if n in signed and not default_signed(n)))
    return "\n".join([method, uri, canonical_query, block, additional_line, payload_hash])


def oss_v4_signature(secret, day, region, product, date, canonical_request):
    scope = "%s/%s/%s/aliyun_v4_request" % (day, region, product)
    string_to_sign = "OSS4-HMAC-SHA256\n%s\n%s\n%s" % (date, scope, sha256_hex(canonical_request))
    key = hmac256(("aliyun_v4" + secret).encode("utf-8"), day)
    for part in (region, product, "aliyun_v4_request"):
        key = hmac256(key, part)
    return string_to_sign, hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def parse_oss_v4_authorization(value):
    fields = {}
    for part in value[len("OSS4-HMAC-SHA256 "):].split(","):
        if "=" not in part:
            raise bad_signature("malformed Authorization")
        k, v = part.strip().split("=", 1)
        fields[k] = v
    return fields


def verify_oss_v4_header(req, creds, now):
    fields = parse_oss_v4_authorization(header_get(req.headers, "authorization"))
    credential = fields.get("Credential", "").split("/")
    if len(credential) != 5 or credential[4] != "aliyun_v4_request" or "Signature" not in fields:
        raise bad_signature("malformed Credential")
    ak, day, region, product = credential[:4]
    if ak != creds["oss_id"]:
        raise unknown_access_key()
    if region != creds["region"] or product != "oss":
        raise bad_signature("wrong region or product in the scope")
    date = header_get(req.headers, "x-oss-date")
    payload = header_get(req.headers, "x-oss-content-sha256")
    if date is None or payload is None or payload != "UNSIGNED-PAYLOAD":
        raise bad_signature("x-oss-date and x-oss-content-sha256: UNSIGNED-PAYLOAD are required")
    if not date.startswith(day):
        raise bad_signature("the scope's day differs from x-oss-date")
    additional = [a for a in fields.get("AdditionalHeaders", "").split(";") if a]
    canonical = oss_v4_canonical_request(req.method, req.bucket, req.key, req.query, req.headers,
                                         additional, payload)
    string_to_sign, expected = oss_v4_signature(creds["oss_secret"], day, region, product, date,
                                                canonical)
    if not hmac.compare_digest(expected, fields["Signature"]):
        raise bad_signature("signature mismatch", {"StringToSign": string_to_sign,
                                                   "CanonicalRequest": canonical})
    check_skew(parse_iso8601_basic(date), now, "oss")


def verify_oss_v4_query(req, creds, now):
    params = dict(req.query)
    if params.get("x-oss-signature-version") != "OSS4-HMAC-SHA256":
        raise bad_signature("x-oss-signature-version must be OSS4-HMAC-SHA256")
    credential = (params.get("x-oss-credential") or "").split("/")
    date = params.get("x-oss-date") or ""
    if (len(credential) != 5 or credential[4] != "aliyun_v4_request" or
            not date.startswith(credential[1])):
        raise bad_signature("malformed x-oss-credential")
    ak, day, region, product = credential[:4]
    if ak != creds["oss_id"]:
        raise unknown_access_key()
    if region != creds["region"] or product != "oss":
        raise bad_signature("wrong region or product in the scope")
    additional = [a for a in (params.get("x-oss-additional-headers") or "").split(";") if a]
    query = [(k, v) for k, v in req.query if k != "x-oss-signature"]
    canonical = oss_v4_canonical_request(req.method, req.bucket, req.key, query, req.headers,
                                         additional, "UNSIGNED-PAYLOAD")
    string_to_sign, expected = oss_v4_signature(creds["oss_secret"], day, region, product, date,
                                                canonical)
    if not hmac.compare_digest(expected, params.get("x-oss-signature") or ""):
        raise bad_signature("signature mismatch", {"StringToSign": string_to_sign,
                                                   "CanonicalRequest": canonical})
    expires = int(params.get("x-oss-expires") or "0")
    if now > parse_iso8601_basic(date) + expires:
        raise expired()


# --------------------------------------------------------------------------------------------
# OSS V1 (HMAC-SHA1), oss.md §2.1-2.2

V1_SUBRESOURCES = frozenset("""acl bucketInfo location stat delete append tagging objectMeta uploads
uploadId partNumber security-token position response-content-type response-content-language
response-expires response-cache-control response-content-disposition response-content-encoding
restore callback callback-var versions versioning versionId sequential continuation-token
regionList cloudboxes symlink resourceGroup cleanRestoredObject""".split())


def oss_v1_string_to_sign(method, bucket, key, query, headers, date_line):
    oss_headers = {}
    for name, value in headers:
        lower = name.lower()
        if lower.startswith("x-oss-"):
            value = value.strip()
            oss_headers[lower] = oss_headers[lower] + "," + value if lower in oss_headers else value
    canonical_headers = "".join("%s:%s\n" % (n, oss_headers[n]) for n in sorted(oss_headers))
    if bucket:
        resource = "/" + bucket + "/" + key
    else:
        resource = "/"
    sub = sorted((k, v) for k, v in query if k in V1_SUBRESOURCES or k.startswith("x-oss-"))
    if sub:
        resource += "?" + "&".join(k if v is None or v == "" else k + "=" + v for k, v in sub)
    return "%s\n%s\n%s\n%s\n%s%s" % (method, header_get(headers, "content-md5") or "",
                                     header_get(headers, "content-type") or "", date_line,
                                     canonical_headers, resource)


def oss_v1_signature(secret, string_to_sign):
    digest = hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8", "surrogateescape"),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_oss_v1_header(req, creds, now):
    value = header_get(req.headers, "authorization")[len("OSS "):]
    ak, _, signature = value.partition(":")
    if ak != creds["oss_id"]:
        raise unknown_access_key()
    date_line = header_get(req.headers, "x-oss-date") or header_get(req.headers, "date")
    if date_line is None:
        raise Rejected(403, "AccessDenied", "Date or x-oss-date is required.")
    string_to_sign = oss_v1_string_to_sign(req.method, req.bucket, req.key, req.query, req.headers,
                                           date_line)
    if not hmac.compare_digest(oss_v1_signature(creds["oss_secret"], string_to_sign), signature):
        raise bad_signature("signature mismatch", {"StringToSign": string_to_sign})
    try:
        signed_at = parse_rfc1123(date_line)
    except ValueError:
        raise Rejected(403, "AccessDenied", "Invalid date.")
    check_skew(signed_at, now, "oss")


def verify_oss_v1_query(req, creds, now):
    params = dict(req.query)
    if params.get("OSSAccessKeyId") != creds["oss_id"]:
        raise unknown_access_key()
    expires = params.get("Expires") or ""
    query = [(k, v) for k, v in req.query if k not in ("OSSAccessKeyId", "Expires", "Signature")]
    string_to_sign = oss_v1_string_to_sign(req.method, req.bucket, req.key, query, req.headers,
                                           expires)
    if not hmac.compare_digest(oss_v1_signature(creds["oss_secret"], string_to_sign),
                               params.get("Signature") or ""):
        raise bad_signature("signature mismatch", {"StringToSign": string_to_sign})
    if now > int(expires or "0"):
        raise expired()


# --------------------------------------------------------------------------------------------
# COS q-sign (sha1), cos.md §2.1


def cos_pairs(pairs, names):
    """'k=v&...' of the pairs whose lower(UrlEncode(key)) is listed, sorted by that name."""
    encoded = {}
    for k, v in pairs:
        name = uri_encode(k).lower()
        if name in names:
            if name in encoded:
                raise bad_signature("a signed name appears twice")
            encoded[name] = uri_encode("" if v is None else v)
    missing = [n for n in names if n not in encoded]
    if missing:
        raise bad_signature("a signed name is missing from the request")
    return "&".join("%s=%s" % (n, encoded[n]) for n in sorted(encoded))


def cos_http_string(method, key, query, headers, param_list, header_list):
    header_pairs = [(n, v.strip()) for n, v in headers]
    return "%s\n/%s\n%s\n%s\n" % (method.lower(), key, cos_pairs(query, param_list),
                                  cos_pairs(header_pairs, header_list))


def cos_signature(secret, key_time, http_string):
    sign_key = hmac1_hex(secret, key_time)
    string_to_sign = "sha1\n%s\n%s\n" % (key_time, hashlib.sha1(
        http_string.encode("utf-8", "surrogateescape")).hexdigest())
    return string_to_sign, hmac1_hex(sign_key, string_to_sign)


COS_FIELDS = ("q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list",
              "q-url-param-list", "q-signature")


def verify_cos(req, creds, now, fields, query):
    """Checks the q-* `fields` against the request whose signed query is `query`."""
    if any(f not in fields for f in COS_FIELDS) or fields["q-sign-algorithm"] != "sha1":
        raise Rejected(403, "AccessDenied", "malformed q-sign fields")
    if fields["q-ak"] != creds["cos_id"]:
        raise unknown_access_key()
    header_list = [n for n in fields["q-header-list"].split(";") if n]
    param_list = [n for n in fields["q-url-param-list"].split(";") if n]
    if header_list != sorted(header_list) or param_list != sorted(param_list):
        raise bad_signature("q-header-list and q-url-param-list are sorted")
    http_string = cos_http_string(req.method, req.key, query, req.headers, param_list,
                                  header_list)
    string_to_sign, expected = cos_signature(creds["cos_secret"], fields["q-key-time"],
                                             http_string)
    if not hmac.compare_digest(expected, fields["q-signature"]):
        raise bad_signature("signature mismatch", {"StringToSign": string_to_sign,
                                                   "FormatString": http_string})
    start, _, end = fields["q-sign-time"].partition(";")
    try:
        start, end = int(start), int(end)
    except ValueError:
        raise Rejected(403, "AccessDenied", "malformed q-sign-time")
    return start, end, header_list, param_list


def q_fields(text):
    """The q-* pairs of a COS Authorization value, as written (the lists are not decoded)."""
    return dict(part.partition("=")[::2] for part in text.split("&"))


def verify_cos_header(req, creds, now, strict=True):
    fields = q_fields(header_get(req.headers, "authorization"))
    start, end, header_list, param_list = verify_cos(req, creds, now, fields, req.query)
    if strict:
        require_cos_signed(req, header_list, param_list, req.query)
    check_skew(start, now, "cos")
    if now > end:
        raise expired()


def verify_cos_query(req, creds, now, strict=True):
    fields = {k: v for k, v in req.query if k in COS_FIELDS}
    query = [(k, v) for k, v in req.query if k not in COS_FIELDS and k != "x-cos-security-token"]
    start, end, header_list, param_list = verify_cos(req, creds, now, fields, query)
    if strict:
        require_cos_signed(req, header_list, param_list, query)
    if now > end:
        raise expired()


def require_cos_signed(req, header_list, param_list, query):
    """What must be signed (cos.md §1.3): Host, Pic-Operations, and every query parameter."""
    if "host" not in header_list:
        raise bad_signature("host is not signed")
    if header_get(req.headers, "pic-operations") is not None and "pic-operations" not in header_list:
        raise bad_signature("Pic-Operations is not signed")
    for k, _ in query:
        if uri_encode(k).lower() not in param_list:
            raise bad_signature("a query parameter is not signed")


def check_skew(signed_at, now, vendor):
    if abs(signed_at - now) > MAX_SKEW:
        extra = {"MaxAllowedSkewMilliseconds": str(MAX_SKEW * 1000),
                 "RequestTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(signed_at)),
                 "ServerTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now))}
        raise Rejected(403, "RequestTimeTooSkewed",
                       "The difference between the request time and the current time is too large.",
                       extra if vendor == "oss" else {"ServerTime": extra["ServerTime"]},
                       verified=True)


# --------------------------------------------------------------------------------------------
# The request as received, and which scheme signed it


class Received:
    def __init__(self, method, target, headers, body):
        self.method = method
        self.target = target
        self.raw_path, _, self.raw_query = target.partition("?")
        self.query = split_query(self.raw_query)
        self.headers = headers  # (name, value) pairs in arrival order
        self.body = body
        path = self.raw_path[1:] if self.raw_path.startswith("/") else self.raw_path
        raw_bucket, _, raw_key = path.partition("/")
        self.bucket = decode(raw_bucket)
        self.key = decode(raw_key)


def scheme_of(req):
    auth = header_get(req.headers, "authorization") or ""
    names = set(k for k, _ in req.query)
    if auth.startswith("OSS4-HMAC-SHA256 "):
        return "oss-v4-header"
    if auth.startswith("OSS "):
        return "oss-v1-header"
    if auth.startswith("q-sign-algorithm="):
        return "cos-header"
    if "x-oss-signature" in names:
        return "oss-v4-query"
    if "Signature" in names and "OSSAccessKeyId" in names:
        return "oss-v1-query"
    if "q-signature" in names:
        return "cos-query"
    return None


VERIFIERS = {
    "oss-v4-header": verify_oss_v4_header,
    "oss-v1-header": verify_oss_v1_header,
    "oss-v4-query": verify_oss_v4_query,
    "oss-v1-query": verify_oss_v1_query,
    "cos-header": verify_cos_header,
    "cos-query": verify_cos_query,
}


# --------------------------------------------------------------------------------------------
# Replies


def load_responses():
    with open(os.path.join(VECTORS, "responses.json"), encoding="utf-8") as f:
        return {v["id"]: v for v in json.load(f)["vectors"]}


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def error_body(vendor, code, message, request_id, resource, extra):
    if vendor == "cos":
        parts = ["<?xml version='1.0' encoding='utf-8' ?>\n<Error>",
                 "\t<Code>%s</Code>" % xml_escape(code),
                 "\t<Message>%s</Message>" % xml_escape(message),
                 "\t<Resource>%s</Resource>" % xml_escape(resource),
                 "\t<RequestId>%s</RequestId>" % request_id,
                 "\t<TraceId>%s</TraceId>" % base64.b64encode(request_id.encode()).decode()]
        for k, v in extra.items():
            parts.append("\t<%s>%s</%s>" % (k, xml_escape(v), k))
        parts.append("</Error>\n")
        return "\n".join(parts)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<Error>',
             "  <Code>%s</Code>" % xml_escape(code),
             "  <Message>%s</Message>" % xml_escape(message),
             "  <RequestId>%s</RequestId>" % request_id,
             "  <HostId>%s</HostId>" % xml_escape(resource)]
    for k, v in extra.items():
        parts.append("  <%s>%s</%s>" % (k, xml_escape(v), k))
    parts.append("  <EC>0002-00000000</EC>\n</Error>\n")
    return "\n".join(parts)


STATUS_CODES = {
    503: ("ServiceUnavailable", "Please reduce your request rate."),
    429: ("TooManyRequests", "Too many requests, please retry later."),
    500: ("InternalError", "We encountered an internal error. Please try again."),
    502: ("BadGateway", "Bad gateway."),
    504: ("GatewayTimeout", "Gateway timeout."),
    408: ("RequestTimeout", "The request timed out."),
    400: ("InvalidArgument", "Invalid argument."),
    404: ("NoSuchKey", "The specified key does not exist."),
}


# --------------------------------------------------------------------------------------------
# Server state shared by the handler threads


class State:
    def __init__(self, creds, responses):
        self.lock = threading.Lock()
        self.creds = creds
        self.responses = responses
        self.faults = []
        self.skew = 0
        self.requests = []
        self.counter = 0
        self.idle = set()  # handler sockets waiting for their next request

    def now(self):
        with self.lock:
            return time.time() + self.skew

    def next_fault(self):
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def fresh_connection_next(self):
        with self.lock:
            return bool(self.faults) and self.faults[0] in ("reset", "close")

    def request_id(self):
        with self.lock:
            self.counter += 1
            return "5C1B138A109F4E405B2D%04X" % (self.counter & 0xFFFF)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the transports reuse connections
    server_version = "objproc-interop"
    sys_version = ""
    timeout = IDLE_TIMEOUT

    # -- plumbing ------------------------------------------------------------------------------

    def log_message(self, fmt, *args):  # quiet: ctest shows only failures
        if self.server.verbose:
            sys.stderr.write("%s\n" % (fmt % args))

    def version_string(self):
        return self.server_version

    def date_time_string(self, timestamp=None):
        # Every Date header is the server's clock, skew included: clients correct from it.
        return rfc1123(self.server.state.now() if timestamp is None else timestamp)

    def setup(self):
        super().setup()
        with self.server.state.lock:
            self.server.state.idle.add(self.connection)

    def finish(self):
        with self.server.state.lock:
            self.server.state.idle.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionError, socket.timeout, OSError):
            self.close_connection = True
        with self.server.state.lock:
            self.server.state.idle.add(self.connection)

    def read_body(self):
        length = self.headers.get("Content-Length")
        if length is not None:
            n = int(length)
            if n < 0 or n > MAX_BODY:
                raise Rejected(400, "InvalidArgument", "bad Content-Length")
            return self.rfile.read(n)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline(64).split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(8)
                if len(out) > MAX_BODY:
                    raise Rejected(400, "InvalidArgument", "body too large")
        return b""

    def send(self, status, body, headers, fault=None):
        body = body.encode("utf-8") if isinstance(body, str) else body
        state = self.server.state
        if fault == "close" or fault == "reset":
            if fault == "reset":  # RST instead of FIN
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
            self.connection.close()
            self.close_connection = True
            return
        if fault and fault.startswith("delay:"):
            time.sleep(min(int(fault[6:]), MAX_DELAY_MS) / 1000.0)
        self.send_response(status)
        announced = len(body) + (64 if fault == "truncate" else 0)
        for name, value in headers:
            if name.lower() not in ("content-length", "date", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(announced))
        if fault == "truncate" or state.fresh_connection_next():
            self.send_header("Connection", "close")
            self.close_connection = True
        elif not self.close_connection:
            # Idle from here on: the client can see the end of this answer as soon as it is
            # written, and a fault injected next must find this connection to close it.
            with state.lock:
                state.idle.add(self.connection)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()
        if fault == "truncate":
            self.connection.shutdown(socket.SHUT_RDWR)

    def reply_json(self, status, obj):
        self.send(status, json.dumps(obj), [("Content-Type", "application/json")])

    def close_idle_connections(self):
        with self.server.state.lock:
            idle = [c for c in self.server.state.idle if c is not self.connection]
            self.server.state.idle.difference_update(idle)
        for conn in idle:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # -- control -------------------------------------------------------------------------------

    def control(self, body):
        state = self.server.state
        path = self.path.partition("?")[0]
        if self.command == "GET" and path == "/__stats":
            with state.lock:
                snapshot = list(state.requests)
            return self.reply_json(200, {"requests": snapshot})
        if self.command == "POST" and path == "/__reset":
            with state.lock:
                state.faults.clear()
                state.skew = 0
                state.requests.clear()
            return self.reply_json(200, {"ok": True})
        if self.command == "POST" and path == "/__control":
            try:
                faults = json.loads(body.decode("utf-8")).get("faults", [])
                queued = []
                for f in faults:
                    kind, _, arg = f.partition(":")
                    if kind == "skew":
                        with state.lock:
                            state.skew = int(arg)
                    elif kind in ("status", "delay"):
                        int(arg)
                        queued.append(f)
                    elif kind in ("reset", "truncate", "close") and not arg:
                        queued.append(f)
                    else:
                        raise ValueError(f)
            except (ValueError, AttributeError, UnicodeDecodeError):
                return self.reply_json(400, {"error": "bad fault list"})
            with state.lock:
                state.faults.extend(queued)
            if state.fresh_connection_next():
                self.close_idle_connections()
            return self.reply_json(200, {"ok": True, "queued": len(queued)})
        return self.reply_json(404, {"error": "unknown control endpoint"})

    # -- the services --------------------------------------------------------------------------

    def do_GET(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def dispatch(self):
        state = self.server.state
        with state.lock:
            state.idle.discard(self.connection)
        try:
            body = self.read_body()
        except Rejected as r:
            return self.send(r.status, r.message, [("Content-Type", "text/plain")])
        if self.path.startswith("/__"):
            return self.control(body)
        headers = [(k, v) for k, v in self.headers.items()]
        req = Received(self.command, self.path, headers, body)
        scheme = scheme_of(req)
        vendor = "cos" if scheme and scheme.startswith("cos") else "oss"
        record = {"method": req.method, "path": req.raw_path, "query": req.raw_query,
                  "bucket": req.bucket, "key": req.key, "scheme": scheme, "verified": False,
                  "headers": [[k, redact(k, v)] for k, v in headers], "body_size": len(body),
                  "peer_port": self.client_address[1]}
        request_id = state.request_id()
        record["request_id"] = request_id  # what the reply's x-*-request-id says
        status, reply_body, reply_headers = 500, "", []
        try:
            if scheme is None:
                raise Rejected(403, "AccessDenied", "AccessDenied: anonymous access is refused.")
            now = state.now()
            try:
                VERIFIERS[scheme](req, state.creds, now)
                record["verified"] = True
            except Rejected as r:
                record["verified"] = r.verified  # time and expiry are checked after the signature
                raise
            except (ValueError, KeyError, IndexError):
                raise bad_signature("malformed signature fields")
            status, reply_body, reply_headers = self.reply_for(req, scheme, record)
        except Rejected as r:
            status = r.status
            record["error"] = r.code
            resource = "%s/%s" % (req.bucket, req.key)
            reply_body = error_body(vendor, r.code, r.message, request_id, resource, r.extra)
            reply_headers = [("Content-Type", "application/xml")]
        fault = state.next_fault()
        record["fault"] = fault
        if fault and fault.startswith("status:"):
            status = int(fault[7:])
            code, message = STATUS_CODES.get(status, ("InternalError" if status >= 500
                                                      else "InvalidRequest", "Injected fault."))
            reply_body = error_body(vendor, code, message, request_id,
                                    "%s/%s" % (req.bucket, req.key), {})
            reply_headers = [("Content-Type", "application/xml")]
            if status == 429:
                reply_headers.append(("Retry-After", "1"))
            record["error"] = code
            fault = None
        record["status"] = status
        if vendor == "oss":
            reply_headers = [(k, v) for k, v in reply_headers if k.lower() != "x-oss-request-id"]
            reply_headers.append(("x-oss-request-id", request_id))
        else:
            reply_headers = [(k, v) for k, v in reply_headers if k.lower() != "x-cos-request-id"]
            reply_headers.append(("x-cos-request-id", request_id))
        with state.lock:
            state.requests.append(record)
        try:
            self.send(status, reply_body, reply_headers, fault)
        except OSError:  # the client gave up (timeouts): nothing to tell it
            self.close_connection = True

    def reply_for(self, req, scheme, record):
        responses = self.server.state.responses
        # Content-MD5, when sent, must be the MD5 of the body received (both vendors check it:
        # OSS answers InvalidDigest, COS BadDigest).
        md5 = header_get(req.headers, "content-md5")
        if md5 is not None:
            record["content_md5"] = md5
            if md5 != base64.b64encode(hashlib.md5(req.body).digest()).decode("ascii"):
                raise Rejected(400, "InvalidDigest" if scheme.startswith("oss") else "BadDigest",
                               "The Content-MD5 you specified did not match what was received.")
        names = [k for k, _ in req.query]
        if req.method == "GET" and scheme.endswith("-query"):
            data = ("objproc-interop object %s/%s" % (req.bucket, req.key)).encode("utf-8")
            return 200, data, [("Content-Type", "application/octet-stream")]
        if scheme.startswith("oss"):
            action = None
            if names == ["x-oss-process"]:
                action = "x-oss-process"
            elif names == ["x-oss-async-process"]:
                action = "x-oss-async-process"
            if req.method != "POST" or action is None or req.query[0][1] is not None:
                raise Rejected(400, "InvalidArgument", "unsupported OSS request")
            if header_get(req.headers, "content-type") != "application/x-www-form-urlencoded":
                raise Rejected(400, "InvalidArgument", "Content-Type must be a form")
            text = req.body.decode("utf-8", "surrogateescape")
            if not text.startswith(action + "="):
                raise Rejected(400, "InvalidArgument", "the body must start with " + action + "=")
            process = urllib.parse.unquote_plus(text[len(action) + 1:])
            if not process:
                raise Rejected(400, "InvalidArgument", "empty process")
            record["process"] = process
            sample = responses["oss-process-object-ok" if action == "x-oss-process"
                               else "oss-async-process-ok"]
            return 200, sample["body"], [tuple(h) for h in sample["headers"]]
        # COS
        if req.method == "PUT" and not req.query:
            length = header_get(req.headers, "content-length")
            if length is None or int(length) != len(req.body):
                raise Rejected(411, "MissingContentLength", "Content-Length must equal the body")
            record["pic_operations"] = check_pic_operations(req)
            sample = responses["cos-upload-result-one-rule"]
        elif req.method == "POST" and names == ["image_process"]:
            if req.body:
                raise Rejected(400, "InvalidArgument", "image_process takes no body")
            record["pic_operations"] = check_pic_operations(req)
            sample = responses["cos-upload-result-two-rules-no-info"]
        else:
            raise Rejected(400, "InvalidArgument", "unsupported COS request")
        return 200, sample["body"], [tuple(h) for h in sample["headers"]]


def check_pic_operations(req):
    text = header_get(req.headers, "pic-operations")
    try:
        ops = json.loads(text or "")
    except ValueError:
        raise Rejected(400, "InvalidArgument", "Pic-Operations is not JSON")
    rules = ops.get("rules") if isinstance(ops, dict) else None
    if (not isinstance(ops, dict) or ops.get("is_pic_info") not in (0, 1) or
            not isinstance(rules, list) or not 1 <= len(rules) <= 5):
        raise Rejected(400, "InvalidArgument", "Pic-Operations needs is_pic_info and 1..5 rules")
    for rule in rules:
        if (not isinstance(rule, dict) or not isinstance(rule.get("fileid"), str) or
                not isinstance(rule.get("rule"), str)):
            raise Rejected(400, "InvalidArgument", "each rule needs fileid and rule")
    return ops


def redact(name, value):
    lower = name.lower()
    if lower == "authorization":
        return value.split(" ", 1)[0].split("&", 1)[0] + " <redacted>"
    if lower.endswith("security-token"):
        return "<redacted>"
    return value


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


class TLSServer(Server):
    """The same server over TLS: each accepted connection does its handshake in its own thread
    (a slow or failed handshake never blocks the accept loop)."""

    tls_context = None

    def finish_request(self, request, client_address):
        try:
            request = self.tls_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # a client that refused our certificate, or went away
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        if self.verbose:
            super().handle_error(request, client_address)


# --------------------------------------------------------------------------------------------
# Self test: this signer against the golden vectors


def self_test():
    with open(os.path.join(VECTORS, "signing.json"), encoding="utf-8") as f:
        vectors = json.load(f)["vectors"]
    failures = 0
    checked = 0
    for v in vectors:
        scheme = v["scheme"]
        if scheme not in VERIFIERS:
            continue
        c = v["credentials"]
        creds = {"oss_id": c["access_key_id"], "oss_secret": c["access_key_secret"],
                 "cos_id": c["access_key_id"], "cos_secret": c["access_key_secret"],
                 "region": v.get("region", "")}
        expect = v["expect"]
        headers = [tuple(h) for h in v.get("headers", [])]
        query = [tuple(q) for q in v.get("query", [])]
        if scheme.endswith("-header"):
            for name, value in expect.get("headers_added", []):
                headers = [h for h in headers if h[0].lower() != name.lower()] + [(name, value)]
            if scheme.startswith("oss-v4") and header_get(headers, "x-oss-date") is None:
                headers.append(("x-oss-date", iso8601_basic(v["time"])))
            headers.append(("Authorization", expect["authorization"]))
        elif scheme == "cos-query":
            query += list(q_fields(expect["authorization"]).items())
        else:
            query += [tuple(q) for q in expect["query_added"]]
        # Through the wire form and back, as the handler reads it.
        bucket = v.get("bucket", "")
        path = "/" + uri_encode(bucket) + "/" + uri_encode(v.get("key", ""), keep=b"/") if bucket \
            else "/" + uri_encode(v.get("key", ""), keep=b"/")
        raw_query = "&".join(uri_encode(k) if val is None else uri_encode(k) + "=" + uri_encode(val)
                             for k, val in query)
        target = path + ("?" + raw_query if raw_query else "")
        req = Received(v["method"], target, headers, b"")
        if not bucket:  # COS vectors: the key is the whole path
            req.bucket, req.key = "", v.get("key", "")
        try:
            if scheme.startswith("cos"):
                VERIFIERS[scheme](req, creds, v["time"], strict=False)
            else:
                VERIFIERS[scheme](req, creds, v["time"])
            ok, why = True, ""
        except Rejected as r:
            ok, why = False, "%s: %s %s" % (r.code, r.message, r.extra)
        # The intermediate strings too, where the vector gives them.
        if ok and scheme.startswith("oss-v4") and "canonical_request" in expect:
            fields = (parse_oss_v4_authorization(expect["authorization"]) if scheme.endswith("header")
                      else {"AdditionalHeaders": dict(query).get("x-oss-additional-headers") or ""})
            additional = [a for a in fields.get("AdditionalHeaders", "").split(";") if a]
            signed_query = [(k, val) for k, val in req.query if k != "x-oss-signature"]
            got = oss_v4_canonical_request(v["method"], bucket, v["key"], signed_query, headers,
                                           additional, "UNSIGNED-PAYLOAD")
            if got != expect["canonical_request"]:
                ok, why = False, "canonical request differs:\n%r\n%r" % (got, expect["canonical_request"])
        if ok and scheme.startswith("cos") and "http_string" in expect:
            fields = q_fields(expect["authorization"])
            signed_query = [(k, val) for k, val in query if k not in COS_FIELDS]
            got = cos_http_string(v["method"], v["key"], signed_query, headers,
                                  [n for n in fields["q-url-param-list"].split(";") if n],
                                  [n for n in fields["q-header-list"].split(";") if n])
            if got != expect["http_string"]:
                ok, why = False, "http string differs:\n%r\n%r" % (got, expect["http_string"])
        checked += 1
        if not ok:
            failures += 1
            print("FAIL %s (%s): %s" % (v["id"], scheme, why))
    seeds = [v for v in vectors if v["id"] in ("oss-v4-process-object-seed", "cos-ci-put-object-seed",
                                                "cos-ci-image-process-seed")]
    print("self-test: %d vectors checked, %d failed" % (checked, failures))
    if checked < 20 or len(seeds) != 3:
        print("FAIL: expected at least 20 vectors including the OSS and COS seeds")
        return 1
    return 1 if failures else 0


def self_test_negative():
    """Flipping one byte of what was signed must be refused, for each scheme."""
    creds = {"oss_id": "ak", "oss_secret": "sk", "cos_id": "ak", "cos_secret": "sk",
             "region": "cn-hangzhou"}
    t = 1795248000
    failures = 0
    # OSS V4: sign, then change the key.
    headers = [("Content-Type", "application/x-www-form-urlencoded"),
               ("x-oss-date", iso8601_basic(t)), ("x-oss-content-sha256", "UNSIGNED-PAYLOAD")]
    cr = oss_v4_canonical_request("POST", "b", "k", [("x-oss-process", None)], headers, [],
                                  "UNSIGNED-PAYLOAD")
    _, sig = oss_v4_signature("sk", iso8601_basic(t)[:8], "cn-hangzhou", "oss", iso8601_basic(t), cr)
    auth = "OSS4-HMAC-SHA256 Credential=ak/%s/cn-hangzhou/oss/aliyun_v4_request,Signature=%s" % (
        iso8601_basic(t)[:8], sig)
    good = Received("POST", "/b/k?x-oss-process", headers + [("Authorization", auth)], b"")
    bad = Received("POST", "/b/k2?x-oss-process", headers + [("Authorization", auth)], b"")
    failures += expect_verdict(verify_oss_v4_header, good, creds, t, None)
    failures += expect_verdict(verify_oss_v4_header, bad, creds, t, "SignatureDoesNotMatch")
    failures += expect_verdict(verify_oss_v4_header, good, creds, t + 3600, "RequestTimeTooSkewed")
    # COS: sign, then change Pic-Operations.
    cos_headers = [("Host", "127.0.0.1:1"), ("Pic-Operations", '{"is_pic_info":1}')]
    key_time = "%d;%d" % (t, t + 600)
    hs = cos_http_string("POST", "k", [("image_process", None)], cos_headers, ["image_process"],
                         ["host", "pic-operations"])
    _, sig = cos_signature("sk", key_time, hs)
    auth = ("q-sign-algorithm=sha1&q-ak=ak&q-sign-time=%s&q-key-time=%s&q-header-list=host;"
            "pic-operations&q-url-param-list=image_process&q-signature=%s" % (key_time, key_time, sig))
    good = Received("POST", "/b/k?image_process", cos_headers + [("Authorization", auth)], b"")
    bad = Received("POST", "/b/k?image_process",
                   [("Host", "127.0.0.1:1"), ("Pic-Operations", '{"is_pic_info":0}'),
                    ("Authorization", auth)], b"")
    failures += expect_verdict(verify_cos_header, good, creds, t, None)
    failures += expect_verdict(verify_cos_header, bad, creds, t, "SignatureDoesNotMatch")
    failures += expect_verdict(verify_cos_header, good, creds, t - 3600, "RequestTimeTooSkewed")
    print("self-test: negative checks, %d failed" % failures)
    return 1 if failures else 0


def expect_verdict(verifier, req, creds, now, code):
    try:
        verifier(req, creds, now)
        got = None
    except Rejected as r:
        got = r.code
    if got != code:
        print("FAIL %s on %s: expected %s, got %s" % (verifier.__name__, req.target, code, got))
        return 1
    return 0


# --------------------------------------------------------------------------------------------
# Running it


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def serve(args):
    creds = {"oss_id": args.oss_id, "oss_secret": args.oss_secret, "cos_id": args.cos_id,
             "cos_secret": args.cos_secret, "region": args.region}
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(creds, load_responses())
    server.verbose = args.verbose
    servers = [server]
    if args.tls_cert:
        tls = TLSServer(("127.0.0.1", 0), Handler)
        tls.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.tls_context.load_cert_chain(args.tls_cert, args.tls_key)
        tls.state = server.state
        tls.verbose = args.verbose
        servers.append(tls)
        threading.Thread(target=tls.serve_forever, kwargs={"poll_interval": 0.2},
                         daemon=True).start()

    def stop(*_):
        for s in servers:
            threading.Thread(target=s.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = threading.Timer(args.lifetime, stop)  # never outlive a crashed test run for long
    timer.daemon = True
    timer.start()
    if args.pid_file:
        write_atomically(args.pid_file, "%d\n" % os.getpid())
    if args.tls_cert:
        write_atomically(args.tls_port_file, "%d\n" % servers[1].server_address[1])
    write_atomically(args.port_file, "%d\n" % server.server_address[1])
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        for s in servers:
            s.server_close()
        for path in (args.port_file, args.pid_file, args.tls_port_file):
            try:
                if path:
                    os.unlink(path)
            except OSError:
                pass
    return 0


def start_in_background(args):
    """Forks the server off (stdio detached, so ctest does not wait for it) and waits, bounded,
    until it has written its port file."""
    if args.pid_file and os.path.exists(args.pid_file):
        stop_server(args)  # one left over from an interrupted run
    for path in (args.port_file, args.pid_file, args.tls_port_file):
        if path and os.path.exists(path):
            os.unlink(path)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        log = os.open(args.log or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        try:
            code = serve(args)
        except BaseException:  # noqa: B902 - the child must never return into the parent's code
            import traceback
            traceback.print_exc()
            code = 1
        os._exit(code)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if os.path.exists(args.port_file):
            with open(args.port_file) as f:
                print("interop server: pid %d, port %s" % (pid, f.read().strip()))
            return 0
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            print("interop server exited early with status %d" % status)
            return 1
        time.sleep(0.05)
    print("interop server did not start within 10 s")
    os.kill(pid, signal.SIGKILL)
    return 1


def alive(pid):
    """Whether `pid` still runs. A zombie has stopped: it was forked off, and whoever adopted it
    may take its time to reap it."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        pass
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def stop_server(args):
    try:
        with open(args.pid_file) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        print("no interop server running (no pid file)")
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not alive(pid):
            print("interop server stopped")
            return 0
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    print("interop server killed after 10 s")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port-file")
    p.add_argument("--pid-file")
    p.add_argument("--oss-id")
    p.add_argument("--oss-secret")
    p.add_argument("--cos-id")
    p.add_argument("--cos-secret")
    p.add_argument("--region", default="cn-hangzhou")
    p.add_argument("--lifetime", type=float, default=900, help="seconds before exiting anyway")
    p.add_argument("--log")
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--background", action="store_true")
    p.add_argument("--stop", action="store_true")
    p.add_argument("--self-test", action="store_true")
    p.add_argument("--tls-cert", help="PEM certificate: also serve HTTPS")
    p.add_argument("--tls-key", help="PEM private key of --tls-cert")
    p.add_argument("--tls-port-file", help="where the HTTPS port is written")
    args = p.parse_args()
    if args.tls_cert and not (args.tls_key and args.tls_port_file):
        p.error("--tls-cert needs --tls-key and --tls-port-file")
    if args.self_test:
        return self_test() | self_test_negative()
    if args.stop:
        if not args.pid_file:
            p.error("--stop needs --pid-file")
        return stop_server(args)
    missing = [n for n in ("port_file", "oss_id", "oss_secret", "cos_id", "cos_secret")
               if getattr(args, n) is None]
    if missing:
        p.error("missing: " + ", ".join("--" + n.replace("_", "-") for n in missing))
    return start_in_background(args) if args.background else serve(args)


if __name__ == "__main__":
    sys.exit(main())
