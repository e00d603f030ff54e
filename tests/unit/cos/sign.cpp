// SPDX-License-Identifier: MIT
// Tests objproc/cos/sign.hpp: every cos-* vector of tests/vectors/signing.json (embedded here,
// every intermediate byte for byte), the documentation and SDK vectors of docs/reference/cos.md
// §3, determinism, a property test against a model of the algorithm, and each refusal.
#include "objproc/cos/sign.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "archetypes/crypto_provider.hpp"
#include "objproc/core/text.hpp"
#include "objproc/crypto/portable.hpp"

using objproc::errc;
using objproc::cos::signing_result;
using objproc::http::added_header;
using objproc::http::added_query_field;
using objproc::http::header_field;
using objproc::http::query_field;

namespace {

constexpr objproc::crypto::portable portable{};

std::chrono::sys_seconds at(std::int64_t unix_seconds) {
  return std::chrono::sys_seconds(std::chrono::seconds(unix_seconds));
}

struct cos_vector {
  std::string_view id;
  bool query_form;
  objproc::cos::credentials creds;
  std::int64_t time;
  std::int64_t expires;
  std::string_view method;
  std::string_view key;
  std::vector<query_field> query;
  std::vector<header_field> headers;
  std::string_view key_time;
  std::string_view http_string;
  std::string_view string_to_sign;
  std::string_view authorization;
};

// tests/vectors/signing.json, every vector whose scheme is cos-header or cos-query, verbatim.
const std::vector<cos_vector>& signing_json_vectors() {
  static const std::vector<cos_vector> vectors = {
      {
          "upstream-cos-doc-put-date-unsigned",
          false,
          {"AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz", ""},
          1557989151,
          7200,
          "PUT",
          "exampleobject(腾讯云)",
          {},
          {{"Date", "Thu, 16 May 2019 06:45:51 GMT"},
           {"Host", "examplebucket-1250000000.cos.ap-beijing.myqcloud.com"},
           {"Content-Type", "text/plain"},
           {"Content-Length", "13"},
           {"Content-MD5", "mQ/fVh815F3k6TAUm8m0eg=="},
           {"x-cos-acl", "private"},
           {"x-cos-grant-read", "uin=\"100000000011\""}},
          "1557989151;1557996351",
          "put\n/"
          "exampleobject(腾讯云)\n\ncontent-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&"
          "content-type=text%2Fplain&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-"
          "cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22\n",
          "sha1\n1557989151;1557996351\n8435402812d5d25692dfd1871b8a5bb7f5bd3b57\n",
          "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;"
          "1557996351&q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;"
          "content-type;host;x-cos-acl;x-cos-grant-read&q-url-param-list=&q-signature="
          "fc4e4717b501da12715d5fc84a4880a87ad2b7ab",
      },
      {
          "upstream-cos-go-put",
          false,
          {"QmFzZTY0IGlzIGEgZ2VuZXJp", "AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM", ""},
          1480932292,
          80000,
          "PUT",
          "testfile2",
          {},
          {{"Host", "testbucket-125000000.cos.ap-guangzhou.myqcloud.com"},
           {"x-cos-content-sha1", "db8ac1c259eb89d4a131b253bacfca5f319d54f2"},
           {"x-cos-stroage-class", "nearline"}},
          "1480932292;1481012292",
          "put\n/"
          "testfile2\n\nhost=testbucket-125000000.cos.ap-guangzhou.myqcloud.com&x-cos-content-sha1="
          "db8ac1c259eb89d4a131b253bacfca5f319d54f2&x-cos-stroage-class=nearline\n",
          "sha1\n1480932292;1481012292\n113b22e92b74237531fafbfc8bb9e67be55645c7\n",
          "q-sign-algorithm=sha1&q-ak=QmFzZTY0IGlzIGEgZ2VuZXJp&q-sign-time=1480932292;1481012292&q-"
          "key-time=1480932292;1481012292&q-header-list=host;x-cos-content-sha1;x-cos-stroage-"
          "class&q-url-param-list=&q-signature=ce4ac0ecbcdb30538b3fee0a97cc6389694ce53a",
      },
      {
          "cos-ci-put-object-seed",
          false,
          {"AKIDExampleSecretId", "ExampleSecretKey456", ""},
          1795248000,
          3600,
          "PUT",
          "local.jpg",
          {},
          {{"Host", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"},
           {"Content-Length", "13"},
           {"Content-Type", "image/jpeg"},
           {"Pic-Operations",
            "{\"is_pic_info\":1,\"rules\":[{\"fileid\":\"format.png\",\"rule\":\"imageView2/format/"
            "png\"}]}"}},
          "1795248000;1795251600",
          "put\n/"
          "local.jpg\n\ncontent-length=13&content-type=image%2Fjpeg&host=examplebucket-1250000000."
          "cos.ap-guangzhou.myqcloud.com&pic-operations=%7B%22is_pic_info%22%3A1%2C%22rules%22%3A%"
          "5B%7B%22fileid%22%3A%22format.png%22%2C%22rule%22%3A%22imageView2%2Fformat%2Fpng%22%7D%"
          "5D%7D\n",
          "sha1\n1795248000;1795251600\nd1b76f64d9c1ffed748f23b1b205b8dbb5a83b77\n",
          "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&q-key-"
          "time=1795248000;1795251600&q-header-list=content-length;content-type;host;pic-"
          "operations&q-url-param-list=&q-signature=ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9",
      },
      {
          "cos-ci-image-process-seed",
          false,
          {"AKIDExampleSecretId", "ExampleSecretKey456", ""},
          1795248000,
          3600,
          "POST",
          "local.jpg",
          {{"image_process", ""}},
          {{"Host", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"},
           {"Content-Length", "0"},
           {"Pic-Operations",
            "{\"is_pic_info\":1,\"rules\":[{\"fileid\":\"format.png\",\"rule\":\"imageView2/format/"
            "png\"}]}"}},
          "1795248000;1795251600",
          "post\n/"
          "local.jpg\nimage_process=\ncontent-length=0&host=examplebucket-1250000000.cos.ap-"
          "guangzhou.myqcloud.com&pic-operations=%7B%22is_pic_info%22%3A1%2C%22rules%22%3A%5B%7B%"
          "22fileid%22%3A%22format.png%22%2C%22rule%22%3A%22imageView2%2Fformat%2Fpng%22%7D%5D%"
          "7D\n",
          "sha1\n1795248000;1795251600\n62b29938d04b8b19b09e65e279d4f9f10286a3b3\n",
          "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&q-key-"
          "time=1795248000;1795251600&q-header-list=content-length;host;pic-operations&q-url-param-"
          "list=image_process&q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a",
      },
      {
          "cos-ci-image-process-token-two-rules",
          false,
          {"AKIDExampleSecretId", "ExampleSecretKey456", "tmp-token+/="},
          1795248000,
          600,
          "POST",
          "dir/中文 a.jpg",
          {{"image_process", ""}},
          {{"Host", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"},
           {"Content-Length", "0"},
           {"x-cos-security-token", "tmp-token+/="},
           {"Pic-Operations",
            "{\"is_pic_info\":0,\"rules\":[{\"fileid\":\"/thumbs/a.webp\",\"rule\":\"imageMogr2/"
            "thumbnail/!50p/format/"
            "webp\"},{\"bucket\":\"otherbucket-1250000000\",\"fileid\":\"wm.jpg\",\"rule\":"
            "\"watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast\"}]}"}},
          "1795248000;1795248600",
          "post\n/dir/中文 "
          "a.jpg\nimage_process=\ncontent-length=0&host=examplebucket-1250000000.cos.ap-guangzhou."
          "myqcloud.com&pic-operations=%7B%22is_pic_info%22%3A0%2C%22rules%22%3A%5B%7B%22fileid%22%"
          "3A%22%2Fthumbs%2Fa.webp%22%2C%22rule%22%3A%22imageMogr2%2Fthumbnail%2F%2150p%2Fformat%"
          "2Fwebp%22%7D%2C%7B%22bucket%22%3A%22otherbucket-1250000000%22%2C%22fileid%22%3A%22wm."
          "jpg%22%2C%22rule%22%3A%22watermark%2F2%2Ftext%2F6IW-6K6v5LqR%2Ffill%2FIzNEM0QzRA%"
          "2Fgravity%2Fsoutheast%22%7D%5D%7D&x-cos-security-token=tmp-token%2B%2F%3D\n",
          "sha1\n1795248000;1795248600\n339e97009d65a9011d12c00f265dee6586b9f563\n",
          "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795248600&q-key-"
          "time=1795248000;1795248600&q-header-list=content-length;host;pic-operations;x-cos-"
          "security-token&q-url-param-list=image_process&q-signature="
          "b806e476979a616eea5a016d7615953dd6bceca5",
      },
      {
          "cos-presign-get-rule",
          true,
          {"AKIDExampleSecretId", "ExampleSecretKey456", ""},
          1795248000,
          600,
          "GET",
          "dir/pic 1.jpg",
          {{"imageMogr2/thumbnail/!50p", ""}},
          {{"Host", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"}},
          "1795248000;1795248600",
          "get\n/dir/pic "
          "1.jpg\nimagemogr2%2fthumbnail%2f%2150p=\nhost=examplebucket-1250000000.cos.ap-guangzhou."
          "myqcloud.com\n",
          "sha1\n1795248000;1795248600\n3422d45e19cf35e1dc350c389a99835b2db60cf9\n",
          "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795248600&q-key-"
          "time=1795248000;1795248600&q-header-list=host&q-url-param-list=imagemogr2%2fthumbnail%"
          "2f%2150p&q-signature=4740dd0fa72048e630309be620611dc97acf39bd",
      },
  };
  return vectors;
}

// The value of `name` in an Authorization value ("a=1&b=2").
std::string_view field_of(std::string_view authorization, std::string_view name) {
  std::size_t at_pos = 0;
  while (at_pos <= authorization.size()) {
    std::size_t end = authorization.find('&', at_pos);
    if (end == std::string_view::npos) end = authorization.size();
    const std::string_view pair = authorization.substr(at_pos, end - at_pos);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return pair.substr(eq + 1);
    at_pos = end + 1;
  }
  return "<absent>";
}

std::vector<added_query_field> q_fields(std::string_view authorization) {
  std::vector<added_query_field> out;
  for (const char* name : {"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list",
                           "q-url-param-list", "q-signature"})
    out.push_back({name, std::string(field_of(authorization, name))});
  return out;
}

std::vector<added_query_field> query_of(const objproc::cos::signing_result& s) {
  return {s.query.begin(), s.query.end()};
}

objproc::cos::signing_input input_of(const cos_vector& v) {
  return {v.method, v.key, v.query, v.headers};
}

objproc::cos::sign_options options_of(const cos_vector& v) {
  objproc::cos::sign_options o;
  o.placement = v.query_form ? objproc::cos::signature_placement::query
                             : objproc::cos::signature_placement::header;
  return o;
}

}  // namespace

TEST_CASE("signing.json: every cos-* vector, every intermediate", "[cos][sign][vectors]") {
  REQUIRE(signing_json_vectors().size() == 6);
  for (const cos_vector& v : signing_json_vectors()) {
    INFO(v.id);
    const auto s = objproc::cos::detail::sign(
        input_of(v), v.creds, at(v.time), std::chrono::seconds(v.expires), portable, options_of(v));
    REQUIRE(s.has_value());
    CHECK(s->key_time == v.key_time);
    CHECK(s->http_string == v.http_string);
    CHECK(s->string_to_sign == v.string_to_sign);
    CHECK(s->authorization == v.authorization);
    CHECK(s->signature.view() == field_of(v.authorization, "q-signature"));
    CHECK(s->header_list == field_of(v.authorization, "q-header-list"));
    CHECK(s->url_param_list == field_of(v.authorization, "q-url-param-list"));
    if (v.query_form) {
      CHECK(query_of(*s) == q_fields(v.authorization));
      CHECK(s->headers.empty());
    } else {
      // The token vector sends x-cos-security-token itself: only Authorization to add.
      REQUIRE(s->headers.size() == 1);
      CHECK(s->headers[0] == added_header{"Authorization", std::string(v.authorization)});
    }
    if (!v.query_form) CHECK(s->query.empty());
    // The other form signs the same bytes.
    objproc::cos::sign_options other = options_of(v);
    other.placement = v.query_form ? objproc::cos::signature_placement::header
                                   : objproc::cos::signature_placement::query;
    const auto t = objproc::cos::detail::sign(input_of(v), v.creds, at(v.time),
                                              std::chrono::seconds(v.expires), portable, other);
    REQUIRE(t.has_value());
    CHECK(t->authorization == v.authorization);
  }
}

TEST_CASE("signing.json cos-presign-get-rule: the presigned query fields", "[cos][sign][vectors]") {
  const cos_vector& v = signing_json_vectors().back();
  REQUIRE(v.id == "cos-presign-get-rule");
  const auto s = objproc::cos::detail::sign(
      input_of(v), v.creds, at(v.time), std::chrono::seconds(v.expires), portable, options_of(v));
  REQUIRE(s.has_value());
  const std::vector<added_query_field> expected = {
      {"q-sign-algorithm", "sha1"},
      {"q-ak", "AKIDExampleSecretId"},
      {"q-sign-time", "1795248000;1795248600"},
      {"q-key-time", "1795248000;1795248600"},
      {"q-header-list", "host"},
      {"q-url-param-list", "imagemogr2%2fthumbnail%2f%2150p"},
      {"q-signature", "4740dd0fa72048e630309be620611dc97acf39bd"},
  };
  CHECK(query_of(*s) == expected);
  // Written into a URL, each value is encoded once more (the SDKs' %252f).
  CHECK(objproc::to_percent_encoded(s->query[5].value) == "imagemogr2%252fthumbnail%252f%252150p");

  SECTION("with a session token: appended unsigned, after the q-* fields") {
    objproc::cos::credentials creds = v.creds;
    creds.session_token = "tmp-token+/=";
    const auto t = objproc::cos::detail::sign(
        input_of(v), creds, at(v.time), std::chrono::seconds(v.expires), portable, options_of(v));
    REQUIRE(t.has_value());
    CHECK(t->authorization == v.authorization);
    REQUIRE(t->query.size() == 8);
    CHECK(t->query[7] == added_query_field{"x-cos-security-token", "tmp-token+/="});
    CHECK(t->headers.empty());
  }
}

TEST_CASE("reference §3: documentation and SDK vectors", "[cos][sign][vectors]") {
  const objproc::cos::credentials doc{"AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q",
                                      "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz", ""};
  const std::string_view host = "examplebucket-1250000000.cos.ap-beijing.myqcloud.com";
  const std::string_view date_name[] = {"date"};
  objproc::cos::sign_options sign_date;
  sign_date.additional_headers = date_name;

  SECTION("D1: the doc's upload example, Date signed through additional_headers") {
    const std::vector<header_field> headers = {{"Date", "Thu, 16 May 2019 06:45:51 GMT"},
                                               {"Host", host},
                                               {"Content-Type", "text/plain"},
                                               {"Content-Length", "13"},
                                               {"Content-MD5", "mQ/fVh815F3k6TAUm8m0eg=="},
                                               {"x-cos-acl", "private"},
                                               {"x-cos-grant-read", "uin=\"100000000011\""}};
    const auto s =
        objproc::cos::detail::sign({"PUT", "exampleobject(腾讯云)", {}, headers}, doc,
                                   at(1557989151), std::chrono::seconds(7200), portable, sign_date);
    REQUIRE(s.has_value());
    CHECK(s->header_list ==
          "content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read");
    CHECK(s->string_to_sign ==
          "sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n");
    CHECK(s->signature.view() == "3b8851a11a569213c17ba8fa7dcf2abec6935172");
  }
  SECTION("D2: the doc's download example, with response-* parameters") {
    const std::vector<header_field> headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"},
                                               {"Host", host}};
    const std::vector<query_field> query = {{"response-content-type", "application/octet-stream"},
                                            {"response-cache-control", "max-age=600"}};
    const auto s =
        objproc::cos::detail::sign({"GET", "exampleobject(腾讯云)", query, headers}, doc,
                                   at(1557989753), std::chrono::seconds(7200), portable, sign_date);
    REQUIRE(s.has_value());
    CHECK(s->url_param_list == "response-cache-control;response-content-type");
    CHECK(s->header_list == "date;host");
    CHECK(s->string_to_sign ==
          "sha1\n1557989753;1557996953\n54ecfe22f59d3514fdc764b87a32d8133ea611e6\n");
    CHECK(s->signature.view() == "01681b8c9d798a678e43b685a9f1bba0f6c0e012");
  }
  SECTION("G2/G3: Go presign, host not signed") {
    const objproc::cos::credentials go{"QmFzZTY0IGlzIGEgZ*******", "ZfbOA78asKUYBcXFrJD0a1I*******",
                                       ""};
    objproc::cos::sign_options presign;
    presign.placement = objproc::cos::signature_placement::query;
    const auto g2 = objproc::cos::detail::sign({"PUT", "test.jpg", {}, {}}, go, at(1622702557),
                                               std::chrono::seconds(3600), portable, presign);
    REQUIRE(g2.has_value());
    CHECK(g2->authorization ==
          "q-sign-algorithm=sha1&q-ak=QmFzZTY0IGlzIGEgZ*******&q-sign-time=1622702557;1622706157&"
          "q-key-time=1622702557;1622706157&q-header-list=&q-url-param-list=&q-signature="
          "820975b5a8eccce9455b94d4ebed14d66654bf3c");
    const std::vector<query_field> query = {{"test", "params"}};
    const auto g3 = objproc::cos::detail::sign({"PUT", "test.jpg", query, {}}, go, at(1622702557),
                                               std::chrono::seconds(3600), portable, presign);
    REQUIRE(g3.has_value());
    CHECK(g3->url_param_list == "test");
    CHECK(g3->signature.view() == "7757e84ed5f8953eafc30afcd2a5d1ad68e00d67");
  }
  SECTION("X3: a key with space, UTF-8 and reserved characters; a rule as a bare query key") {
    const objproc::cos::credentials example{"AKIDEXAMPLE", "secretkeyexample", ""};
    const std::vector<header_field> headers = {
        {"Host", "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com"}};
    const std::vector<query_field> query = {
        {"imageMogr2/thumbnail/!50p", std::nullopt},
        {"response-content-disposition", "attachment; filename=\"x y.jpg\""}};
    const auto s = objproc::cos::detail::sign({"GET", "a b/中文+!*().jpg", query, headers}, example,
                                              at(1700000000), std::chrono::seconds(3600), portable);
    REQUIRE(s.has_value());
    CHECK(s->http_string ==
          "get\n/a b/中文+!*().jpg\nimagemogr2%2fthumbnail%2f%2150p=&response-content-disposition="
          "attachment%3B%20filename%3D%22x%20y.jpg%22\nhost=examplebucket-1250000000.cos.ap-"
          "guangzhou.myqcloud.com\n");
    CHECK(s->signature.view() == "f95231d4397b435d05add31aef6dea67ace36bbe");
  }
}

TEST_CASE("the same request signed twice, or with its fields reordered, is identical",
          "[cos][sign]") {
  const cos_vector& v = signing_json_vectors()[4];  // token, two rules, UTF-8 key
  const auto a = objproc::cos::detail::sign(
      input_of(v), v.creds, at(v.time), std::chrono::seconds(v.expires), portable, options_of(v));
  const auto b = objproc::cos::detail::sign(
      input_of(v), v.creds, at(v.time), std::chrono::seconds(v.expires), portable, options_of(v));
  REQUIRE(a.has_value());
  CHECK(a == b);
  std::vector<header_field> reversed(v.headers.rbegin(), v.headers.rend());
  const auto c =
      objproc::cos::detail::sign({v.method, v.key, v.query, reversed}, v.creds, at(v.time),
                                 std::chrono::seconds(v.expires), portable, options_of(v));
  CHECK(a == c);
}

TEST_CASE("which headers are signed", "[cos][sign]") {
  const objproc::cos::credentials creds{"AKIDExampleSecretId", "ExampleSecretKey456", ""};
  const std::vector<header_field> headers = {
      {"User-Agent", "objproc"},    {"Date", "Thu, 16 May 2019 06:45:51 GMT"},
      {"Content-Language", "en"},   {"X-COS-Meta-A", "1"},
      {"Pic-Operations", "{}"},     {"HOST", "h"},
      {"Range", "bytes=0-1"},       {"x-ci-thing", "2"},
      {"Authorization", "ignored"}, {"x-cosmetic", "3"}};
  const auto s = objproc::cos::detail::sign({"get", "k", {}, headers}, creds, at(0),
                                            std::chrono::seconds(1), portable);
  REQUIRE(s.has_value());
  CHECK(s->header_list == "content-language;host;pic-operations;x-cos-meta-a");
  CHECK(s->http_string ==
        "get\n/k\n\ncontent-language=en&host=h&pic-operations=%7B%7D&x-cos-meta-a=1\n");
  CHECK(s->key_time == "0;1");

  SECTION("an empty key signs the bucket: \"/\"") {
    const auto b = objproc::cos::detail::sign({"GET", "", {}, {}}, creds, at(1),
                                              std::chrono::seconds(1), portable);
    REQUIRE(b.has_value());
    CHECK(b->http_string == "get\n/\n\n\n");
  }
}

TEST_CASE("header form with a session token not in the request: signed and returned",
          "[cos][sign]") {
  const objproc::cos::credentials creds{"AKIDExampleSecretId", "ExampleSecretKey456",
                                        "tmp-token+/="};
  const cos_vector& v = signing_json_vectors()[4];
  REQUIRE(v.id == "cos-ci-image-process-token-two-rules");
  std::vector<header_field> without_token;
  for (const header_field& h : v.headers)
    if (h.name != "x-cos-security-token") without_token.push_back(h);
  REQUIRE(without_token.size() == v.headers.size() - 1);
  const auto s = objproc::cos::detail::sign({v.method, v.key, v.query, without_token}, creds,
                                            at(v.time), std::chrono::seconds(v.expires), portable);
  REQUIRE(s.has_value());
  CHECK(s->authorization == v.authorization);  // the same bytes as sending the header
  CHECK(s->http_string == v.http_string);
  REQUIRE(s->headers.size() == 2);
  CHECK(s->headers[0] == added_header{"Authorization", s->authorization});
  CHECK(s->headers[1] == added_header{"x-cos-security-token", "tmp-token+/="});
}

namespace {

// An independent model of reference §2.1-2.2, for the property test.
std::string model_encode(std::string_view s) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += digits[u >> 4];
      out += digits[u & 15];
    }
  }
  return out;
}
std::string model_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Pieces a random key is made of: every reserved character, space, UTF-8, unreserved.
const std::vector<std::string_view> key_pieces = {
    " ", "!",  "\"", "#", "$",  "%",   "&",   "'",          "(",
    ")", "*",  "+",  ",", "/",  ":",   ";",   "<",          "=",
    ">", "?",  "@",  "[", "\\", "]",   "^",   "`",          "{",
    "|", "}",  "-",  "_", ".",  "~",   "a",   "Z",          "0",
    "9", "中", "文", "é", "😀",  "%2F", "%zz", "imageMogr2", "image_process"};

std::string random_text(std::mt19937& rng, std::size_t min_pieces, std::size_t max_pieces) {
  std::uniform_int_distribution<std::size_t> count(min_pieces, max_pieces);
  std::uniform_int_distribution<std::size_t> pick(0, key_pieces.size() - 1);
  std::string out;
  for (std::size_t n = count(rng); n > 0; --n) out += key_pieces[pick(rng)];
  return out;
}

}  // namespace

TEST_CASE("property: random keys and query keys sign as the model says", "[cos][sign][property]") {
  std::mt19937 rng(20261121);
  const objproc::cos::credentials creds{"AKIDExampleSecretId", "ExampleSecretKey456", ""};
  const std::string_view methods[] = {"GET", "put", "Post", "DELETE", "HEAD"};
  for (int round = 0; round < 300; ++round) {
    const std::string key = random_text(rng, 0, 12);
    const std::string method(methods[static_cast<std::size_t>(round) % 5]);
    // Query keys distinct once encoded and lowercased (else: duplicate_parameter, tested below).
    std::vector<std::string> storage;
    std::map<std::string, std::string> model_params;
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 6)(rng);
    for (std::size_t i = 0; i < n; ++i) {
      std::string k = random_text(rng, 1, 5);
      std::string val = random_text(rng, 0, 4);
      if (!model_params.emplace(model_lower(model_encode(k)), model_encode(val)).second) continue;
      storage.push_back(std::move(k));
      storage.push_back(std::move(val));
    }
    std::vector<query_field> query;
    for (std::size_t i = 0; i < storage.size(); i += 2) {
      if (storage[i + 1].empty() && (i / 2) % 2 == 0)
        query.push_back({storage[i], std::nullopt});  // a bare key signs like an empty value
      else
        query.push_back({storage[i], storage[i + 1]});
    }
    const std::string meta = "x-cos-meta-" + std::to_string(round);
    const std::string meta_value = "v" + random_text(rng, 0, 3) + "v";  // no edge whitespace
    std::vector<header_field> headers = {{"Host", "b-1250000000.cos.ap-guangzhou.myqcloud.com"},
                                         {meta, meta_value}};
    const std::int64_t start = std::uniform_int_distribution<std::int64_t>(0, 4000000000)(rng);
    const std::int64_t expires = std::uniform_int_distribution<std::int64_t>(1, 100000)(rng);
    INFO("round " << round << " key " << key);

    const auto s = objproc::cos::detail::sign({method, key, query, headers}, creds, at(start),
                                              std::chrono::seconds(expires), portable);
    REQUIRE(s.has_value());

    std::string params;
    std::string param_list;
    for (const auto& [k, val] : model_params) {
      if (!params.empty()) {
        params += '&';
        param_list += ';';
      }
      params += k + "=" + val;
      param_list += k;
    }
    const std::string key_time = std::to_string(start) + ";" + std::to_string(start + expires);
    const std::string http_string = model_lower(method) + "\n/" + key + "\n" + params +
                                    "\nhost=b-1250000000.cos.ap-guangzhou.myqcloud.com&" + meta +
                                    "=" + model_encode(meta_value) + "\n";
    CHECK(s->key_time == key_time);
    CHECK(s->url_param_list == param_list);
    CHECK(s->header_list == "host;" + meta);
    CHECK(s->http_string == http_string);
    CHECK(s->url_param_list == model_lower(s->url_param_list));

    const auto hs = objproc::crypto::sha1(portable, objproc::as_bytes(http_string));
    REQUIRE(hs.has_value());
    const std::string string_to_sign =
        "sha1\n" + key_time + "\n" + objproc::to_hex(std::span<const std::byte>(*hs)) + "\n";
    CHECK(s->string_to_sign == string_to_sign);
    const auto sign_key = objproc::crypto::hmac_sha1(portable, objproc::as_bytes(creds.secret_key),
                                                     objproc::as_bytes(key_time));
    REQUIRE(sign_key.has_value());
    const std::string sign_key_hex = objproc::to_hex(std::span<const std::byte>(*sign_key));
    const auto sig = objproc::crypto::hmac_sha1(portable, objproc::as_bytes(sign_key_hex),
                                                objproc::as_bytes(string_to_sign));
    REQUIRE(sig.has_value());
    CHECK(s->signature.view() == objproc::to_hex(std::span<const std::byte>(*sig)));
    CHECK(s->authorization.find(creds.secret_key) == std::string::npos);
    CHECK(s->authorization.find(sign_key_hex) == std::string::npos);

    // Order of the input does not matter.
    std::shuffle(query.begin(), query.end(), rng);
    std::reverse(headers.begin(), headers.end());
    const auto t = objproc::cos::detail::sign({method, key, query, headers}, creds, at(start),
                                              std::chrono::seconds(expires), portable);
    CHECK(s == t);
  }
}

namespace {
void require_error(const objproc::result<objproc::cos::signing_result>& r, errc code,
                   std::size_t offset = objproc::error::no_offset) {
  REQUIRE_FALSE(r.has_value());
  INFO(objproc::to_string(r.error()));
  CHECK(r.error().code == code);
  CHECK(r.error().offset == offset);
  CHECK_FALSE(r.error().detail.empty());
}
}  // namespace

TEST_CASE("refusals, each with its errc", "[cos][sign][errors]") {
  const objproc::cos::credentials creds{"AKIDExampleSecretId", "ExampleSecretKey456", ""};
  const std::vector<header_field> host = {{"Host", "h"}};
  const objproc::cos::signing_input ok{"PUT", "a.jpg", {}, host};
  const auto t0 = at(1795248000);
  const auto ten = std::chrono::seconds(10);
  REQUIRE(objproc::cos::detail::sign(ok, creds, t0, ten, portable).has_value());

  SECTION("credentials") {
    require_error(objproc::cos::detail::sign(ok, {"", "sk", ""}, t0, ten, portable),
                  errc::missing_credentials);
    require_error(objproc::cos::detail::sign(ok, {"ak", "", ""}, t0, ten, portable),
                  errc::missing_credentials);
    require_error(objproc::cos::detail::sign(ok, {"a\nk", "sk", ""}, t0, ten, portable),
                  errc::invalid_header_value, 1);
    require_error(objproc::cos::detail::sign(ok, {"a&k", "sk", ""}, t0, ten, portable),
                  errc::invalid_header_value, 1);
    require_error(
        objproc::cos::detail::sign(ok, {"ak", "sk", "tok\r\nx-evil: 1"}, t0, ten, portable),
        errc::invalid_header_value, 3);
    require_error(objproc::cos::detail::sign(ok, {"ak", "sk", std::string_view("tok\0", 4)}, t0,
                                             ten, portable),
                  errc::invalid_header_value, 3);
    require_error(objproc::cos::detail::sign(ok,
                                     {"ak",
                                      "ExampleSecretKey\x7f"
                                      "456",
                                      ""},
                                     t0, ten, portable),
                  errc::invalid_credentials);
    CHECK(objproc::cos::detail::sign(ok, {"ak", "ExampleSecret\tKey456", ""}, t0, ten, portable)
              .has_value());  // a tab is not refused in the secret key (as before)
  }
  SECTION("time") {
    require_error(objproc::cos::detail::sign(ok, creds, t0, std::chrono::seconds(0), portable),
                  errc::value_out_of_range);
    require_error(objproc::cos::detail::sign(ok, creds, t0, std::chrono::seconds(-5), portable),
                  errc::value_out_of_range);
    require_error(objproc::cos::detail::sign(ok, creds, at(-1), ten, portable),
                  errc::value_out_of_range);
    require_error(objproc::cos::detail::sign(ok, creds, t0, std::chrono::seconds::max(), portable),
                  errc::value_out_of_range);
  }
  SECTION("method") {
    require_error(objproc::cos::detail::sign({"", "a", {}, host}, creds, t0, ten, portable),
                  errc::invalid_argument);
    require_error(objproc::cos::detail::sign({"GE T", "a", {}, host}, creds, t0, ten, portable),
                  errc::invalid_argument, 2);
  }
  SECTION("header names and values") {
    const std::vector<header_field> cr = {{"Host", "h"}, {"x-cos-meta-a", "v\rw"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, cr}, creds, t0, ten, portable),
                  errc::invalid_header_value, 1);
    const std::vector<header_field> lf = {{"Host", "h\n"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, lf}, creds, t0, ten, portable),
                  errc::invalid_header_value, 1);
    const std::vector<header_field> nul = {{"User-Agent", std::string_view("ab\0", 3)}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, nul}, creds, t0, ten, portable),
                  errc::invalid_header_value, 2);  // unsigned headers are checked too
    // Past the first eight bytes (values are tested eight at a time), a tab inside is kept.
    const std::vector<header_field> far = {{"Host", "h"}, {"x-cos-meta-a", "0123456789\tab\x7f"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, far}, creds, t0, ten, portable),
                  errc::invalid_header_value, 13);
    const std::vector<header_field> tab = {{"Host", "h"}, {"x-cos-meta-a", "0123456789\tab"}};
    CHECK(objproc::cos::detail::sign({"PUT", "a", {}, tab}, creds, t0, ten, portable).has_value());
    const std::vector<header_field> lead = {{"Host", " h"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, lead}, creds, t0, ten, portable),
                  errc::invalid_header_value, 0);
    const std::vector<header_field> trail = {{"Host", "h\t"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, trail}, creds, t0, ten, portable),
                  errc::invalid_header_value, 1);
    const std::vector<header_field> name = {{"x-cos:meta", "v"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, name}, creds, t0, ten, portable),
                  errc::invalid_header_name, 5);
    const std::vector<header_field> empty_name = {{"", "v"}};
    require_error(
        objproc::cos::detail::sign({"PUT", "a", {}, empty_name}, creds, t0, ten, portable),
        errc::invalid_header_name, 0);
    const std::vector<header_field> twice = {{"Host", "h"}, {"host", "h"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, twice}, creds, t0, ten, portable),
                  errc::duplicate_header);
  }
  SECTION("query keys") {
    const std::vector<query_field> empty_key = {{"", "v"}};
    require_error(
        objproc::cos::detail::sign({"GET", "a", empty_key, host}, creds, t0, ten, portable),
        errc::invalid_argument);
    const std::vector<query_field> twice = {{"Acl", std::nullopt}, {"acl", ""}};
    require_error(objproc::cos::detail::sign({"GET", "a", twice, host}, creds, t0, ten, portable),
                  errc::duplicate_parameter);
    const std::vector<query_field> hex_case = {{"a/b", std::nullopt},
                                               {"a%2f"
                                                "b",
                                                std::nullopt}};
    CHECK(objproc::cos::detail::sign({"GET", "a", hex_case, host}, creds, t0, ten, portable)
              .has_value());
  }
  SECTION("a session token that differs from the request's x-cos-security-token") {
    const objproc::cos::credentials temp{"ak", "sk", "token-1"};
    const std::vector<header_field> other = {{"Host", "h"}, {"X-Cos-Security-Token", "token-2"}};
    require_error(objproc::cos::detail::sign({"PUT", "a", {}, other}, temp, t0, ten, portable),
                  errc::conflicting_parameters);
    const std::vector<query_field> other_query = {{"x-cos-security-token", "token-2"}};
    require_error(
        objproc::cos::detail::sign({"PUT", "a", other_query, host}, temp, t0, ten, portable),
        errc::conflicting_parameters);
  }
  SECTION("a failing crypto provider") {
    const archetypes::crypto_provider failing(0);
    require_error(objproc::cos::detail::sign(ok, creds, t0, ten, failing), errc::crypto_failed);
  }
}

TEST_CASE("refusals name the input they belong to", "[cos][sign][errors]") {
  const objproc::cos::credentials creds{"AKIDExampleSecretId", "ExampleSecretKey456", ""};
  const std::vector<header_field> host = {{"Host", "h"}};
  const objproc::cos::signing_input ok{"PUT", "a.jpg", {}, host};
  const auto t0 = at(1795248000);
  const auto ten = std::chrono::seconds(10);
  const auto field = [&](const objproc::cos::signing_input& in,
                         const objproc::cos::credentials& c, std::chrono::sys_seconds t,
                         std::chrono::seconds life) {
    const auto r = objproc::cos::detail::sign(in, c, t, life, portable);
    REQUIRE_FALSE(r.has_value());
    return r.error().field;
  };
  CHECK(field(ok, {"", "sk", ""}, t0, ten) == "secret_id");
  CHECK(field(ok, {"a&k", "sk", ""}, t0, ten) == "secret_id");
  CHECK(field(ok, {"ak", "", ""}, t0, ten) == "secret_key");
  CHECK(field(ok, {"ak", "s\x01k", ""}, t0, ten) == "secret_key");
  CHECK(field(ok, {"ak", "sk", "tok\r\nx-evil: 1"}, t0, ten) == "session_token");
  CHECK(field(ok, creds, t0, std::chrono::seconds(0)) == "expires");
  CHECK(field(ok, creds, at(-1), ten) == "time");
  CHECK(field({"GE T", "a", {}, host}, creds, t0, ten) == "method");
  const std::vector<header_field> cr = {{"Host", "h"}, {"x-cos-meta-a", "v\rw"}};
  CHECK(field({"PUT", "a", {}, cr}, creds, t0, ten) == "headers");
  const std::vector<header_field> twice = {{"Host", "h"}, {"host", "h"}};
  CHECK(field({"PUT", "a", {}, twice}, creds, t0, ten) == "headers");
  const std::vector<query_field> empty_key = {{"", "v"}};
  CHECK(field({"GET", "a", empty_key, host}, creds, t0, ten) == "query");
  const std::vector<header_field> other = {{"Host", "h"}, {"X-Cos-Security-Token", "token-2"}};
  CHECK(field({"PUT", "a", {}, other}, {"ak", "sk", "token-1"}, t0, ten) == "session_token");
  // The secret key's text never appears in the error's text form.
  const auto secret = objproc::cos::detail::sign(ok, {"ak", "Secret\x01Value", ""}, t0, ten, portable);
  REQUIRE_FALSE(secret.has_value());
  CHECK(objproc::to_string(secret.error()) ==
        "secret_key: invalid credentials: control character in the secret key");
}
