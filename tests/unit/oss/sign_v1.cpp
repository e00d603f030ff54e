// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/oss/sign_v1.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/crypto/portable.hpp"

namespace {

namespace oss = objproc::oss;
namespace http = objproc::http;
using objproc::errc;
using std::chrono::seconds;

struct vector_case {
  std::string_view id;
  bool query_form = false;
  oss::credentials creds;
  std::int64_t time = 0;
  std::int64_t expires = 0;
  std::string_view method;
  std::string_view bucket;
  std::string_view key;
  std::vector<http::query_field> query;
  std::vector<http::header_field> headers;
  std::string_view string_to_sign;
  std::string_view authorization;  // header form
  std::string_view signature;      // query form
  std::vector<std::pair<std::string_view, std::string_view>> added;
};

// Every oss-v1-* vector of tests/vectors/signing.json, from the vendors' own signing code.
const std::vector<vector_case>& vectors() {
  static const std::vector<vector_case> all = {
      {.id = "upstream-oss-v1-header-1",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1672223261,
       .expires = 0,
       .method = "PUT",
       .bucket = "examplebucket",
       .key = "nelson",
       .query = {},
       .headers = {{"Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="},
                   {"Content-Type", "text/html"},
                   {"x-oss-meta-author", "alice"},
                   {"x-oss-meta-magic", "abracadabra"}},
       .string_to_sign =
           "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 "
           "GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 "
           "GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson",
       .authorization = "OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=",
       .signature = "",
       .added = {{"x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"}}},
      {.id = "upstream-oss-v1-header-2",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1672223261,
       .expires = 0,
       .method = "PUT",
       .bucket = "examplebucket",
       .key = "nelson",
       .query = {{"acl", std::nullopt}},
       .headers = {{"Content-MD5", "eB5eJF1ptWaXm4bijSPyxw=="},
                   {"Content-Type", "text/html"},
                   {"x-oss-meta-author", "alice"},
                   {"x-oss-meta-magic", "abracadabra"}},
       .string_to_sign =
           "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 "
           "GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 "
           "GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson?acl",
       .authorization = "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=",
       .signature = "",
       .added = {{"x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"}}},
      {.id = "upstream-oss-v1-header-3",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1672223261,
       .expires = 0,
       .method = "GET",
       .bucket = "examplebucket",
       .key = "",
       .query = {{"resourceGroup", std::nullopt}, {"non-resousce", "null"}},
       .headers = {},
       .string_to_sign = "GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 "
                         "10:27:41 GMT\n/examplebucket/?resourceGroup",
       .authorization = "OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=",
       .signature = "",
       .added = {{"x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"}}},
      {.id = "upstream-oss-v1-header-4",
       .query_form = false,
       .creds = {"ak", "sk", ""},
       .time = 1672223261,
       .expires = 0,
       .method = "GET",
       .bucket = "examplebucket",
       .key = "",
       .query = {{"resourceGroup", std::nullopt}, {"acl", std::nullopt}},
       .headers = {},
       .string_to_sign = "GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 "
                         "10:27:41 GMT\n/examplebucket/?acl&resourceGroup",
       .authorization = "OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=",
       .signature = "",
       .added = {{"x-oss-date", "Wed, 28 Dec 2022 10:27:41 GMT"}}},
      {.id = "upstream-oss-v1-query-1",
       .query_form = true,
       .creds = {"ak", "sk", ""},
       .time = 1699806520,
       .expires = 900,
       .method = "GET",
       .bucket = "bucket",
       .key = "key",
       .query = {{"versionId", "versionId"}},
       .headers = {},
       .string_to_sign = "GET\n\n\n1699807420\n/bucket/key?versionId=versionId",
       .authorization = "",
       .signature = "dcLTea+Yh9ApirQ8o8dOPqtvJXQ=",
       .added = {{"OSSAccessKeyId", "ak"},
                 {"Expires", "1699807420"},
                 {"Signature", "dcLTea+Yh9ApirQ8o8dOPqtvJXQ="}}},
      {.id = "upstream-oss-v1-query-2",
       .query_form = true,
       .creds = {"ak", "sk", "token"},
       .time = 1699807304,
       .expires = 900,
       .method = "GET",
       .bucket = "bucket",
       .key = "key+123",
       .query = {{"versionId", "versionId"}},
       .headers = {},
       .string_to_sign =
           "GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId",
       .authorization = "",
       .signature = "jzKYRrM5y6Br0dRFPaTGOsbrDhY=",
       .added = {{"OSSAccessKeyId", "ak"},
                 {"Expires", "1699808204"},
                 {"Signature", "jzKYRrM5y6Br0dRFPaTGOsbrDhY="},
                 {"security-token", "token"}}},
      {.id = "oss-v1-process-object-seed",
       .query_form = false,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 0,
       .method = "POST",
       .bucket = "examplebucket",
       .key = "exampledir/example.jpg",
       .query = {{"x-oss-process", std::nullopt}},
       .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
       .string_to_sign = "POST\n\napplication/x-www-form-urlencoded\nSat, 21 Nov 2026 08:00:00 "
                         "GMT\nx-oss-date:Sat, 21 Nov 2026 08:00:00 "
                         "GMT\n/examplebucket/exampledir/example.jpg?x-oss-process",
       .authorization = "OSS LTAI5tExampleAK:aVhGeDETXU220FwooPTTxkfhteQ=",
       .signature = "",
       .added = {{"x-oss-date", "Sat, 21 Nov 2026 08:00:00 GMT"}}},
      {.id = "oss-v1-async-process-doc",
       .query_form = false,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 0,
       .method = "POST",
       .bucket = "examplebucket",
       .key = "docs/example.docx",
       .query = {{"x-oss-async-process", std::nullopt}},
       .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
       .string_to_sign = "POST\n\napplication/x-www-form-urlencoded\nSat, 21 Nov 2026 08:00:00 "
                         "GMT\nx-oss-date:Sat, 21 Nov 2026 08:00:00 "
                         "GMT\n/examplebucket/docs/example.docx?x-oss-async-process",
       .authorization = "OSS LTAI5tExampleAK:7hyPsLwgvrvf0Q0JbNNaVWPWV9s=",
       .signature = "",
       .added = {{"x-oss-date", "Sat, 21 Nov 2026 08:00:00 GMT"}}},
      {.id = "oss-v1-presign-get-process",
       .query_form = true,
       .creds = {"LTAI5tExampleAK", "ExampleSecretKey123", ""},
       .time = 1795248000,
       .expires = 3600,
       .method = "GET",
       .bucket = "examplebucket",
       .key = "photos/cat.jpg",
       .query = {{"x-oss-process", "image/resize,w_200"}},
       .headers = {},
       .string_to_sign =
           "GET\n\n\n1795251600\n/examplebucket/photos/cat.jpg?x-oss-process=image/resize,w_200",
       .authorization = "",
       .signature = "CKFRgXoyiBsSdPZhuhQkm0ZOVxg=",
       .added = {{"OSSAccessKeyId", "LTAI5tExampleAK"},
                 {"Expires", "1795251600"},
                 {"Signature", "CKFRgXoyiBsSdPZhuhQkm0ZOVxg="}}},
      {.id = "oss-v1-presign-get-process-sts",
       .query_form = true,
       .creds = {"STS.ExampleAK", "ExampleSecretKey123", "CAIS+token/with=chars"},
       .time = 1795248000,
       .expires = 600,
       .method = "GET",
       .bucket = "examplebucket",
       .key = "照片/猫 cat+1.jpg",
       .query = {{"x-oss-process", "image/resize,w_200/rotate,90"}},
       .headers = {},
       .string_to_sign = "GET\n\n\n1795248600\n/examplebucket/照片/猫 "
                         "cat+1.jpg?security-token=CAIS+token/with=chars&x-oss-process=image/"
                         "resize,w_200/rotate,90",
       .authorization = "",
       .signature = "5T5G6AjIFvpZuHNAyNWDIYzQnCQ=",
       .added = {{"OSSAccessKeyId", "STS.ExampleAK"},
                 {"Expires", "1795248600"},
                 {"Signature", "5T5G6AjIFvpZuHNAyNWDIYzQnCQ="},
                 {"security-token", "CAIS+token/with=chars"}}},
  };
  return all;
}

std::chrono::sys_seconds at(std::int64_t t) { return std::chrono::sys_seconds{seconds{t}}; }

oss::signing_input input_of(const vector_case& v) {
  return {
      .method = v.method, .bucket = v.bucket, .key = v.key, .query = v.query, .headers = v.headers};
}

template <class List>
std::vector<std::pair<std::string, std::string>> pairs(const List& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : list) {
    if constexpr (requires { f.name; })
      out.emplace_back(std::string(f.name), f.value);
    else
      out.emplace_back(std::string(f.key), f.value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> pairs_of(
    const std::vector<std::pair<std::string_view, std::string_view>>& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, v] : list) out.emplace_back(std::string(k), std::string(v));
  return out;
}

const objproc::crypto::portable portable{};

TEST_CASE("oss v1: every signing.json vector, byte for byte", "[oss][sign_v1]") {
  std::size_t header_count = 0, query_count = 0;
  for (const vector_case& v : vectors()) {
    INFO(v.id);
    if (v.query_form) {
      auto s = oss::detail::sign_v1_query(input_of(v), v.creds, at(v.time), seconds{v.expires},
                                          portable);
      REQUIRE(s.has_value());
      CHECK(s->string_to_sign == v.string_to_sign);
      CHECK(s->signature == v.signature);
      CHECK(pairs(s->query) == pairs_of(v.added));
      ++query_count;
    } else {
      auto s = oss::detail::sign_v1_header(input_of(v), v.creds, at(v.time), portable);
      REQUIRE(s.has_value());
      CHECK(s->string_to_sign == v.string_to_sign);
      auto expected = pairs_of(v.added);
      expected.emplace_back("Authorization", std::string(v.authorization));
      CHECK(pairs(s->headers) == expected);
      CHECK(v.authorization.ends_with(":" + s->signature));
      ++header_count;
    }
  }
  CHECK(header_count == 6);
  CHECK(query_count == 4);
}

// oss.md §3.2 (C++ v2 SignerV1Test AuthQueryWithToken / AuthQueryWithAdditionalParams).
TEST_CASE("oss v1: presign with an awkward token and extra parameters", "[oss][sign_v1]") {
  const oss::credentials creds{"ak", "sk", "attachment; /file/name==example.txt++"};
  const std::vector<http::query_field> version = {{"versionId", "versionId"}};
  auto a = oss::detail::sign_v1_query(
      {.method = "GET", .bucket = "bucket", .key = "key+123", .query = version}, creds,
      at(1699808204 - 900), seconds{900}, portable);
  REQUIRE(a.has_value());
  CHECK(a->signature == "su58IVk06Q73DHwcMsXft/RTZ98=");
  CHECK(a->query[3].value == "attachment; /file/name==example.txt++");

  const oss::credentials token{"ak", "sk", "token"};
  const std::vector<http::header_field> headers = {{"x-oss-head1", "value"},
                                                   {"abc", "value"},
                                                   {"ZAbc", "value"},
                                                   {"XYZ", "value"},
                                                   {"content-type", "application/octet-stream"}};
  const std::vector<http::query_field> query = {
      {"versionId", "versionId"},
      {"param1", "value1"},
      {"+param1", "value3"},
      {"|param1", "value4"},
      {"+param2", ""},
      {"|param2", ""},
      {"param2", ""},
      {"response-content-disposition", "attachment; filename=example.txt"}};
  auto b = oss::detail::sign_v1_query(
      {.method = "GET", .bucket = "bucket", .key = "key", .query = query, .headers = headers},
      token, at(1699808204 - 600), seconds{600}, portable);
  REQUIRE(b.has_value());
  CHECK(b->string_to_sign ==
        "GET\n\napplication/octet-stream\n1699808204\nx-oss-head1:value\n/bucket/"
        "key?response-content-disposition=attachment; "
        "filename=example.txt&security-token=token&versionId=versionId");
  CHECK(b->signature == "VmWfLWfxbR3MSFvUx5+nyQhCa3g=");
}

// oss.md §3.5 (derived): ProcessObject with Content-MD5 and no Content-Type.
TEST_CASE("oss v1: x-oss-process is a signed sub-resource", "[oss][sign_v1]") {
  const std::vector<http::query_field> query = {{"x-oss-process", std::nullopt}};
  const std::vector<http::header_field> headers = {{"Content-MD5", "PVeqgAxyM7eX+9JSMuLQOA=="}};
  auto s = oss::detail::sign_v1_header(
      {.method = "POST", .bucket = "bucket", .key = "object", .query = query, .headers = headers},
      {"ak", "sk", ""}, at(1702743657), portable, {.date_header = oss::v1_date_header::date});
  REQUIRE(s.has_value());
  CHECK(s->string_to_sign ==
        "POST\nPVeqgAxyM7eX+9JSMuLQOA==\n\nSat, 16 Dec 2023 16:20:57 "
        "GMT\n/bucket/object?x-oss-process");
  CHECK(s->headers[0].name == "Date");
  CHECK(s->headers[1].value == "OSS ak:R/5kLhEqPVTdFNIoDuPgtjXingQ=");

  const std::vector<http::query_field> get = {{"x-oss-process", "image/resize,w_100"}};
  auto q = oss::detail::sign_v1_query(
      {.method = "GET", .bucket = "bucket", .key = "example.jpg", .query = get}, {"ak", "sk", ""},
      at(1702743657), seconds{3600}, portable);
  REQUIRE(q.has_value());
  CHECK(q->string_to_sign ==
        "GET\n\n\n1702747257\n/bucket/example.jpg?x-oss-process=image/resize,w_100");
  CHECK(q->signature == "oJtrUTSZvZZm60Yng33vvgDtQlk=");
}

TEST_CASE("oss v1: header details", "[oss][sign_v1]") {
  const oss::credentials sts{"ak", "sk", "tok"};
  const std::vector<http::header_field> headers = {
      {"X-OSS-Meta-B", " 2 "},    {"x-oss-meta-a", "1"},   {"x-oss-meta-b", "3"},
      {"x-oss-meta-empty", "  "}, {"x-oss-date", "stale"}, {"Authorization", "stale"}};
  const std::vector<http::query_field> query = {
      {"comp", "x"}, {"uploadId", "u"}, {"x-oss-traffic-limit", "100"}, {"other", "o"}};
  const std::vector<std::string_view> extra = {"comp"};
  auto s = oss::detail::sign_v1_header(
      {.method = "PUT", .bucket = "bucket", .key = "a b/c", .query = query, .headers = headers},
      sts, at(1672223261), portable, {.sub_resources = extra});
  REQUIRE(s.has_value());
  CHECK(s->string_to_sign ==
        "PUT\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n"
        "x-oss-meta-a:1\nx-oss-meta-b:2,3\nx-oss-security-token:tok\n"
        "/bucket/a b/c?comp=x&uploadId=u&x-oss-traffic-limit=100");
  REQUIRE(s->headers.size() == 3);
  CHECK(s->headers[1].name == "x-oss-security-token");
  CHECK(s->headers[1].value == "tok");

  auto service = oss::detail::sign_v1_header({.method = "GET"}, sts, at(1672223261), portable);
  REQUIRE(service.has_value());
  CHECK(service->string_to_sign.ends_with("\n/"));
}

TEST_CASE("oss v1: signing twice gives the same bytes", "[oss][sign_v1]") {
  for (const vector_case& v : vectors()) {
    INFO(v.id);
    if (v.query_form) {
      auto a = oss::detail::sign_v1_query(input_of(v), v.creds, at(v.time), seconds{v.expires},
                                          portable);
      auto b = oss::detail::sign_v1_query(input_of(v), v.creds, at(v.time), seconds{v.expires},
                                          portable);
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      CHECK(a->string_to_sign == b->string_to_sign);
      CHECK(a->query == b->query);
    } else {
      auto a = oss::detail::sign_v1_header(input_of(v), v.creds, at(v.time), portable);
      auto b = oss::detail::sign_v1_header(input_of(v), v.creds, at(v.time), portable);
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      CHECK(a->string_to_sign == b->string_to_sign);
      CHECK(a->headers == b->headers);
    }
  }
}

TEST_CASE("oss v1: bad input, each with its errc", "[oss][sign_v1]") {
  const oss::credentials good{"ak", "sk", ""};
  const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = "k"};
  const auto t = at(1672223261);
  const auto code = [](const auto& r) { return r.has_value() ? errc::none : r.error().code; };
  const auto header = [&](const oss::signing_input& i, const oss::credentials& c) {
    return code(oss::detail::sign_v1_header(i, c, t, portable));
  };

  CHECK(header(in, {"", "sk", ""}) == errc::missing_credentials);
  CHECK(header(in, {"ak", "", ""}) == errc::missing_credentials);
  CHECK(header(in, {"a:k", "sk", ""}) == errc::invalid_credentials);
  CHECK(header(in, {"ak", "sk", "t\nx"}) == errc::invalid_header_value);
  CHECK(header({.method = "get", .bucket = "bucket"}, good) == errc::invalid_argument);
  CHECK(header({.method = "GET", .bucket = "-bucket"}, good) == errc::invalid_bucket_name);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "\\k"}, good) ==
        errc::invalid_object_key);
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "a\rb"}, good) ==
        errc::invalid_object_key);
  const std::vector<http::header_field> crlf = {{"x-oss-meta-a", "x\ny"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .headers = crlf}, good) ==
        errc::invalid_header_value);
  const std::vector<http::query_field> bad_query = {{"acl", "a\nb"}};
  auto r = oss::detail::sign_v1_header({.method = "GET", .bucket = "bucket", .query = bad_query},
                                       good, t, portable);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::invalid_query_parameter);
  CHECK(r.error().offset == 1);
  const std::vector<http::header_field> x_oss_date = {{"x-oss-date", "x"}};
  CHECK(code(oss::detail::sign_v1_header(
            {.method = "GET", .bucket = "bucket", .headers = x_oss_date}, good, t, portable,
            {.date_header = oss::v1_date_header::date})) == errc::conflicting_parameters);
  CHECK(code(oss::detail::sign_v1_query(in, good, t, seconds{0}, portable)) ==
        errc::value_out_of_range);
  CHECK(code(oss::detail::sign_v1_query(in, {"ak", "", ""}, t, seconds{60}, portable)) ==
        errc::missing_credentials);
}

TEST_CASE("oss v1: each refusal names the input it belongs to", "[oss][sign_v1]") {
  const oss::credentials good{"ak", "sk", ""};
  const oss::signing_input in{.method = "GET", .bucket = "bucket", .key = "k"};
  const auto t = at(1672223261);
  const auto field = [](const auto& r) {
    REQUIRE_FALSE(r.has_value());
    return r.error().field;
  };
  const auto header = [&](const oss::signing_input& i, const oss::credentials& c) {
    return field(oss::detail::sign_v1_header(i, c, t, portable));
  };
  CHECK(header(in, {"", "sk", ""}) == "access_key_id");
  CHECK(header(in, {"a:k", "sk", ""}) == "access_key_id");
  CHECK(header(in, {"ak", "", ""}) == "access_key_secret");
  CHECK(header(in, {"ak", "s\nk", ""}) == "access_key_secret");
  CHECK(header(in, {"ak", "sk", "t\nx"}) == "security_token");
  CHECK(header(in, {"ak", "sk", "t\x1b"}) == "security_token");
  CHECK(header({.method = "get", .bucket = "bucket"}, good) == "method");
  CHECK(header({.method = "GET", .bucket = "-bucket"}, good) == "bucket");
  CHECK(header({.method = "GET", .key = "k"}, good) == "bucket");
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "\\k"}, good) == "key");
  CHECK(header({.method = "GET", .bucket = "bucket", .key = "a\rb"}, good) == "key");
  const std::vector<http::header_field> crlf = {{"x-oss-meta-a", "x\ny"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .headers = crlf}, good) == "headers");
  const std::vector<http::query_field> bad_query = {{"acl", "a\nb"}};
  CHECK(header({.method = "GET", .bucket = "bucket", .query = bad_query}, good) == "query");
  CHECK(field(oss::detail::sign_v1_query(in, good, t, seconds{0}, portable)) == "expires");
  // Nothing in the text form of a credentials error but the field's name.
  const auto secret = oss::detail::sign_v1_header(in, {"ak", "Secret\x01Value", ""}, t, portable);
  REQUIRE_FALSE(secret.has_value());
  CHECK(objproc::to_string(secret.error()).find("Secret") == std::string::npos);
  CHECK(objproc::to_string(secret.error()).starts_with("access_key_secret: "));
}

}  // namespace
