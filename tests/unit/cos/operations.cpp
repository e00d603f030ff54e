// SPDX-License-Identifier: MIT
// Tests objproc/cos/operations.hpp: the descriptors of operations.json, signed to the values of
// signing.json (tests/vectors: golden values from the vendors' own signing code).
#include "objproc/cos/operations.hpp"

#include <catch2/catch.hpp>

#include <span>
#include <string>
#include <string_view>

#include "objproc/crypto/portable.hpp"

namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {
const ci::credentials seed_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
const sys_seconds seed_time{seconds{1795248000}};
ci::endpoint guangzhou() { return ci::endpoint::for_region("ap-guangzhou").value(); }
ci::pic_operations seed_operations() {
  return {.is_pic_info = true,
          .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
}
constexpr std::string_view seed_json =
    R"({"is_pic_info":1,"rules":[{"fileid":"format.png","rule":"imageView2/format/png"}]})";
}  // namespace

TEST_CASE("operations.json and signing.json: ci_put_object", "[cos][operations]") {
  const auto prepared = ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                          .key = "local.jpg",
                                          .operations = seed_operations(),
                                          .body = "fakejpegbytes",
                                          .content_type = "image/jpeg"}
                            .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  const auto& request = prepared->request;
  CHECK(request.method() == objproc::http::method::put);
  CHECK(request.url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg");
  CHECK(request.header("Pic-Operations") == seed_json);
  CHECK(std::get<std::string>(request.body()) == "fakejpegbytes");
  CHECK(request.header("Content-Length") == "13");
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, seconds{3600}, objproc::crypto::portable{});
  REQUIRE(signed_request.has_value());
  CHECK(signed_request->header("Authorization") ==
        "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&"
        "q-key-time=1795248000;1795251600&q-header-list=content-length;content-type;host;"
        "pic-operations&q-url-param-list=&q-signature=ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9");
  CHECK(signed_request->to_string().find("ExampleSecretKey456") == std::string::npos);
}

TEST_CASE("operations.json and signing.json: ci_image_process", "[cos][operations]") {
  const auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = "local.jpg", .operations = seed_operations()}
          .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  CHECK(prepared->request.url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg?image_process");
  CHECK(prepared->request.header("Pic-Operations") == seed_json);
  CHECK(prepared->request.header("Content-Length") == "0");
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, seconds{3600}, objproc::crypto::portable{});
  REQUIRE(signed_request.has_value());
  CHECK(signed_request->header("Authorization") ==
        "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&"
        "q-key-time=1795248000;1795251600&q-header-list=content-length;host;pic-operations&"
        "q-url-param-list=image_process&q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a");
}

TEST_CASE("signing.json: cos-presign-get-rule", "[cos][operations]") {
  const auto url =
      ci::presign(ci::presign_get{.bucket = "examplebucket-1250000000",
                                  .key = "dir/pic 1.jpg",
                                  .process = ci::parse_rule("imageMogr2/thumbnail/!50p").value(),
                                  .expires = seconds{600}},
                  guangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  CHECK(url->rfind("https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/pic%201.jpg?"
                   "imageMogr2%2Fthumbnail%2F%2150p&",
                   0) == 0);
  CHECK(url->find("q-signature=4740dd0fa72048e630309be620611dc97acf39bd") != std::string::npos);
  CHECK(url->find("q-url-param-list=imagemogr2%252fthumbnail%252f%252150p") != std::string::npos);
}

TEST_CASE("COS operations refuse bad input", "[cos][operations]") {
  CHECK(ci::ci_image_process{
            .bucket = "examplebucket", .key = "a.jpg", .operations = seed_operations()}
            .prepare(guangzhou())
            .error()
            .code == errc::invalid_bucket_name);
  ci::pic_operations six = seed_operations();
  for (int i = 0; i < 5; ++i) six.rules.push_back(six.rules.front());
  CHECK(
      ci::ci_image_process{.bucket = "examplebucket-1250000000", .key = "a.jpg", .operations = six}
          .prepare(guangzhou())
          .error()
          .code == errc::too_many_rules);
  CHECK(ci::presign(ci::presign_get{.bucket = "examplebucket-1250000000",
                                    .key = "a.jpg",
                                    .process = ci::parse_rule("style/thumb").value()},
                    guangzhou(), seed_keys, seed_time, objproc::crypto::portable{})
            .error()
            .code == errc::misplaced_operation);
  const auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = "a.jpg", .operations = seed_operations()}
          .prepare(guangzhou());
  CHECK(ci::sign(*prepared,
                 ci::credentials{.secret_id = "id", .secret_key = "", .session_token = ""},
                 seed_time, seconds{3600}, objproc::crypto::portable{})
            .error()
            .code == errc::missing_credentials);
}

TEST_CASE("operations.json: two rules, a quote in a fileid, a unicode key", "[cos][operations]") {
  const auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000",
          .key = "dir/\xe4\xb8\xad\xe6\x96\x87 a.jpg",
          .operations = {.is_pic_info = false,
                         .rules = {{.fileid = "/thumbs/a \"q\".webp",
                                    .rule = "imageMogr2/thumbnail/!50p/format/webp"},
                                   {.bucket = "otherbucket-1250000000",
                                    .fileid = "wm.jpg",
                                    .rule = "watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/"
                                            "gravity/southeast"}}}}
          .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  CHECK(prepared->request.url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/"
        "%E4%B8%AD%E6%96%87%20a.jpg?image_process");
  CHECK(
      prepared->request.header("Pic-Operations") ==
      R"({"is_pic_info":0,"rules":[{"fileid":"/thumbs/a \"q\".webp","rule":"imageMogr2/thumbnail/!50p/format/webp"},{"bucket":"otherbucket-1250000000","fileid":"wm.jpg","rule":"watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}]})");
  CHECK(prepared->request.header("Content-Length") == "0");
}

TEST_CASE("cos::presign_to writes presign's URL, or buffer_too_small",
          "[cos][operations][presign_to]") {
  const ci::credentials sts_keys{.secret_id = "AKIDExampleSecretId",
                                 .secret_key = "ExampleSecretKey456",
                                 .session_token = "token+with/odd=chars&more"};
  const ci::presign_get ops[] = {
      {.bucket = "examplebucket-1250000000",
       .key = "dir/pic 1.jpg",
       .process = ci::parse_rule("imageMogr2/thumbnail/!50p").value(),
       .expires = seconds{600}},
      {.bucket = "examplebucket-1250000000", .key = "a.jpg", .process = {}, .expires = seconds{60}},
  };
  for (const auto& op : ops)
    for (const auto& creds : {seed_keys, sts_keys}) {
      INFO(op.key << " token " << creds.session_token);
      const auto url = ci::presign(op, guangzhou(), creds, seed_time, objproc::crypto::portable{});
      REQUIRE(url.has_value());
      std::string buffer(url->size() + 16, '#');
      for (std::size_t n = 0; n < url->size(); ++n) {
        const auto r = ci::presign_to(op, guangzhou(), creds, seed_time,
                                      objproc::crypto::portable{}, std::span(buffer.data(), n));
        REQUIRE_FALSE(r.has_value());
        REQUIRE(r.error().code == errc::buffer_too_small);
      }
      for (const std::size_t n : {url->size(), url->size() + 16}) {
        const auto r = ci::presign_to(op, guangzhou(), creds, seed_time,
                                      objproc::crypto::portable{}, std::span(buffer.data(), n));
        REQUIRE(r.has_value());
        CHECK(std::string_view(buffer.data(), *r) == *url);
      }
    }
  // The golden signature, through presign_to.
  char buffer[1024];
  const auto n = ci::presign_to(ops[0], guangzhou(), seed_keys, seed_time,
                                objproc::crypto::portable{}, buffer);
  REQUIRE(n.has_value());
  CHECK(std::string_view(buffer, *n).find("q-signature=4740dd0fa72048e630309be620611dc97acf39bd") !=
        std::string_view::npos);
  // A path-style endpoint signs and addresses the host without the bucket.
  const auto local = ci::endpoint::custom("http://127.0.0.1:9000").value();
  const auto url = ci::presign(ops[1], local, seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  CHECK(url->rfind("http://127.0.0.1:9000/examplebucket-1250000000/a.jpg?q-sign-algorithm=sha1&",
                   0) == 0);
  CHECK(url->find("q-header-list=host&") != std::string::npos);
  // Errors as presign reports them.
  CHECK(ci::presign_to(ci::presign_get{.bucket = "examplebucket", .key = "a.jpg"}, guangzhou(),
                       seed_keys, seed_time, objproc::crypto::portable{}, buffer)
            .error()
            .code == errc::invalid_bucket_name);
  CHECK(ci::presign_to(ci::presign_get{.bucket = "examplebucket-1250000000",
                                       .key = "a.jpg",
                                       .process = ci::parse_rule("style/thumb").value()},
                       guangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer)
            .error()
            .code == errc::misplaced_operation);
}

TEST_CASE("cos::presign of a long key falls back to the heap; cos::sign matches the signer",
          "[cos][operations][presign_to]") {
  std::string key;
  while (key.size() < 1000) key += "\xe4\xb8\xad";
  const ci::presign_get op{.bucket = "examplebucket-1250000000", .key = key};
  const auto url = ci::presign(op, guangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  std::string buffer(8192, '\0');
  const auto n =
      ci::presign_to(op, guangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer);
  REQUIRE(n.has_value());
  CHECK(buffer.substr(0, *n) == *url);

  // cos::sign(prepared) sets what the public signer returns.
  auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = key, .operations = seed_operations()}
          .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  // A signed header long enough to move the scratch to the heap.
  REQUIRE(prepared->request.set_header("x-cos-meta-long", std::string(1500, 'v')).has_value());
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, seconds{3600}, objproc::crypto::portable{});
  REQUIRE(signed_request.has_value());
  const auto headers = prepared->request.header_fields();
  const auto query = prepared->request.query_fields();
  const auto s = ci::sign({.method = "POST", .key = key, .query = query, .headers = headers},
                          seed_keys, seed_time, seconds{3600}, objproc::crypto::portable{});
  REQUIRE(s.has_value());
  CHECK(s->http_string.size() > 2048);
  CHECK(signed_request->header("Authorization") == s->authorization);
}
