// SPDX-License-Identifier: MIT
// Every bad input of the signing contract, through the public operations, in one table: each
// is refused with its own errc, naming the input it belongs to, before anything could be sent
// or signed wrong.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/operations.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

const objproc::crypto::portable crypto;
const sys_seconds when{seconds{1795248000}};
const oss::credentials oss_keys{.access_key_id = "LTAI5tExampleAK",
                                .access_key_secret = "ExampleSecretKey123",
                                .security_token = ""};
const ci::credentials cos_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
ci::endpoint guangzhou() { return ci::endpoint::for_region("ap-guangzhou").value(); }
oss::style style(std::string_view text) { return oss::parse_style(text).value(); }
ci::pic_operations one_rule() {
  return {.is_pic_info = false, .rules = {{.fileid = "o.png", .rule = "imageView2/format/png"}}};
}

// Prepares and signs an OSS ProcessObject; the first error wins.
objproc::result<objproc::http::request> oss_process(
    std::string_view bucket, std::string_view key, const oss::style& s,
    const oss::credentials& keys = oss_keys,
    oss::signature_version v = oss::signature_version::v4) {
  auto prepared =
      oss::process_object{.bucket = bucket, .key = key, .process = s}.prepare(hangzhou());
  if (!prepared) return prepared.error();
  return oss::sign(*prepared, keys, when, crypto, oss::signer{.version = v});
}

objproc::result<objproc::http::request> cos_process(std::string_view bucket, std::string_view key,
                                                    const ci::pic_operations& ops,
                                                    const ci::credentials& keys = cos_keys,
                                                    seconds lifetime = seconds{3600}) {
  auto prepared =
      ci::ci_image_process{.bucket = bucket, .key = key, .operations = ops}.prepare(guangzhou());
  if (!prepared) return prepared.error();
  return ci::sign(*prepared, keys, when, crypto, ci::signer{.lifetime = lifetime});
}

struct bad_case {
  const char* what;
  std::function<objproc::error()> run;
  errc expected;
  std::string_view field;  // the input the error belongs to; "" where none is named yet
};

template <class T>
objproc::error error_of(const objproc::result<T>& r) {
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

}  // namespace

TEST_CASE("bad input: every refusal of the signing contract, through the operations",
          "[bad-input]") {
  const auto resize = style("image/resize,w_100");
  ci::pic_operations six = one_rule();
  for (int i = 0; i < 5; ++i) six.rules.push_back(six.rules.front());

  const bad_case cases[] = {
      // Buckets and keys.
      {"OSS bucket with uppercase", [&] { return error_of(oss_process("Bucket", "a.jpg", resize)); },
       errc::invalid_bucket_name, "bucket"},
      {"OSS bucket too short", [&] { return error_of(oss_process("ab", "a.jpg", resize)); },
       errc::invalid_bucket_name, "bucket"},
      {"OSS bucket ending with a hyphen",
       [&] { return error_of(oss_process("bucket-", "a.jpg", resize)); },
       errc::invalid_bucket_name, "bucket"},
      {"OSS key starting with /", [&] { return error_of(oss_process("bucket", "/a.jpg", resize)); },
       errc::invalid_object_key, "key"},
      {"OSS key starting with \\",
       [&] { return error_of(oss_process("bucket", "\\a.jpg", resize)); },
       errc::invalid_object_key, "key"},
      {"OSS key of invalid UTF-8",
       [&] { return error_of(oss_process("bucket", "a\xff.jpg", resize)); },
       errc::invalid_object_key, "key"},
      {"OSS key of 1024 bytes",
       [&] { return error_of(oss_process("bucket", std::string(1024, 'k'), resize)); },
       errc::invalid_object_key, "key"},
      {"OSS empty key", [&] { return error_of(oss_process("bucket", "", resize)); },
       errc::invalid_object_key, "key"},
      {"COS bucket without APPID",
       [&] { return error_of(cos_process("examplebucket", "a.jpg", one_rule())); },
       errc::invalid_bucket_name, "bucket"},
      {"COS empty key",
       [&] { return error_of(cos_process("examplebucket-1250000000", "", one_rule())); },
       errc::invalid_object_key, "key"},
      {"COS key of 851 bytes",
       [&] {
         return error_of(
             cos_process("examplebucket-1250000000", std::string(851, 'k'), one_rule()));
       },
       errc::invalid_object_key, "key"},
      {"COS key starting with /",
       [&] { return error_of(cos_process("examplebucket-1250000000", "/a.jpg", one_rule())); },
       errc::invalid_object_key, "key"},
      {"COS key starting with \\",
       [&] { return error_of(cos_process("examplebucket-1250000000", "\\a.jpg", one_rule())); },
       errc::invalid_object_key, "key"},
      {"COS key with a control character",
       [&] { return error_of(cos_process("examplebucket-1250000000", "a\x1b[2J.jpg", one_rule())); },
       errc::invalid_object_key, "key"},
      // Endpoint hosts (DNS labels, port, nothing but a host).
      {"endpoint host with an empty label",
       [&] { return error_of(oss::endpoint::custom("a..b")); }, errc::invalid_host, "endpoint"},
      {"endpoint host starting with a hyphen",
       [&] { return error_of(ci::endpoint::custom("-a.com")); }, errc::invalid_host, "endpoint"},
      {"endpoint host label of 300 characters",
       [&] { return error_of(oss::endpoint::custom(std::string(300, 'a') + ".com")); },
       errc::invalid_host, "endpoint"},
      {"endpoint port 0", [&] { return error_of(ci::endpoint::custom("a.com:0")); },
       errc::invalid_host, "endpoint"},
      {"endpoint with user info", [&] { return error_of(oss::endpoint::custom("u@a.com")); },
       errc::invalid_host, "endpoint"},
      {"endpoint with a query", [&] { return error_of(ci::endpoint::custom("a.com?x=1")); },
       errc::invalid_host, "endpoint"},
      // Control characters in a notify topic, a secret, a token.
      {"notify topic with CR LF",
       [&] {
         const auto s = style("doc/convert,target_png,source_docx|sys/saveas,o_YQ") |
                        oss::notify{.topic = "t\r\nX: 1"};
         return s.error();
       },
       errc::unexpected_value, "notify.topic"},
      {"notify topic with NUL",
       [&] {
         const auto s = style("doc/convert,target_png,source_docx|sys/saveas,o_YQ") |
                        oss::notify{.topic = std::string_view("t\0u", 3)};
         return s.error();
       },
       errc::unexpected_value, "notify.topic"},
      {"OSS secret with LF",
       [&] {
         return error_of(oss_process(
             "bucket", "a.jpg", resize,
             {.access_key_id = "ak", .access_key_secret = "s\nk", .security_token = ""}));
       },
       errc::invalid_credentials, "access_key_secret"},
      {"OSS token with ESC",
       [&] {
         return error_of(oss_process(
             "bucket", "a.jpg", resize,
             {.access_key_id = "ak", .access_key_secret = "sk", .security_token = "t\x1b"}));
       },
       errc::invalid_credentials, "security_token"},
      {"COS secret key with NUL",
       [&] {
         return error_of(cos_process(
             "examplebucket-1250000000", "a.jpg", one_rule(),
             {.secret_id = "id", .secret_key = std::string_view("k\0k", 3), .session_token = ""}));
       },
       errc::invalid_credentials, "secret_key"},
      // CR/LF in credentials (they become headers or query parameters).
      {"OSS STS token with CR LF (V4)",
       [&] {
         return error_of(oss_process("bucket", "a.jpg", resize,
                                     {.access_key_id = "ak",
                                      .access_key_secret = "sk",
                                      .security_token = "tok\r\nX-Evil: 1"}));
       },
       errc::invalid_header_value, "security_token"},
      {"OSS STS token with LF (V1)",
       [&] {
         return error_of(oss_process(
             "bucket", "a.jpg", resize,
             {.access_key_id = "ak", .access_key_secret = "sk", .security_token = "tok\nX: 1"},
             oss::signature_version::v1));
       },
       errc::invalid_header_value, "security_token"},
      {"OSS key id with CR",
       [&] {
         return error_of(oss_process(
             "bucket", "a.jpg", resize,
             {.access_key_id = "ak\r", .access_key_secret = "sk", .security_token = ""}));
       },
       errc::invalid_credentials, "access_key_id"},
      {"COS session token with CR LF",
       [&] {
         return error_of(cos_process(
             "examplebucket-1250000000", "a.jpg", one_rule(),
             {.secret_id = "id", .secret_key = "k", .session_token = "t\r\nX-Evil: 1"}));
       },
       errc::invalid_header_value, "session_token"},
      {"COS content type with CR LF",
       [&] {
         return error_of(ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                           .key = "a.jpg",
                                           .operations = one_rule(),
                                           .content_type = "image/png\r\nX-Evil: 1"}
                             .prepare(guangzhou()));
       },
       errc::invalid_header_value, ""},
      // Empty secrets.
      {"OSS empty secret",
       [&] {
         return error_of(
             oss_process("bucket", "a.jpg", resize,
                         {.access_key_id = "ak", .access_key_secret = "", .security_token = ""}));
       },
       errc::missing_credentials, "access_key_secret"},
      {"OSS empty key id",
       [&] {
         return error_of(
             oss_process("bucket", "a.jpg", resize,
                         {.access_key_id = "", .access_key_secret = "sk", .security_token = ""}));
       },
       errc::missing_credentials, "access_key_id"},
      {"COS empty secret",
       [&] {
         return error_of(cos_process("examplebucket-1250000000", "a.jpg", one_rule(),
                                     {.secret_id = "id", .secret_key = "", .session_token = ""}));
       },
       errc::missing_credentials, "secret_key"},
      // Expiry windows.
      {"OSS V4 presign expiry above 7 days",
       [&] {
         return error_of(oss::presign(
             oss::presign_get{.bucket = "bucket", .key = "a.jpg", .expires = seconds{604801}},
             hangzhou(), oss_keys, when, crypto));
       },
       errc::value_out_of_range, "expires"},
      {"OSS V4 presign expiry of 0",
       [&] {
         return error_of(oss::presign(
             oss::presign_get{.bucket = "bucket", .key = "a.jpg", .expires = seconds{0}},
             hangzhou(), oss_keys, when, crypto));
       },
       errc::value_out_of_range, "expires"},
      {"COS presign expiry of 0",
       [&] {
         return error_of(ci::presign(
             ci::presign_get{
                 .bucket = "examplebucket-1250000000", .key = "a.jpg", .expires = seconds{0}},
             guangzhou(), cos_keys, when, crypto));
       },
       errc::value_out_of_range, "expires"},
      {"COS negative signing window",
       [&] {
         return error_of(
             cos_process("examplebucket-1250000000", "a.jpg", one_rule(), cos_keys, seconds{-1}));
       },
       errc::value_out_of_range, "expires"},
      // Directives where their carrier forbids them.
      {"sys/saveas in a presigned URL",
       [&] {
         return error_of(
             oss::presign(oss::presign_get{.bucket = "bucket",
                                           .key = "a.jpg",
                                           .process = style("image/resize,w_1|sys/saveas,o_YQ")},
                          hangzhou(), oss_keys, when, crypto));
       },
       oss::saveas_not_allowed, "process"},
      {"sys/notify in a synchronous request",
       [&] {
         return error_of(oss_process("bucket", "a.jpg",
                                     style("image/resize,w_1|sys/saveas,o_YQ/notify,topic_dA")));
       },
       oss::notify_not_allowed, "process"},
      {"an asynchronous-only operation in ProcessObject",
       [&] {
         return error_of(oss_process("bucket", "a.mp4",
                                     style("video/convert,f_mp4,vcodec_h264|sys/saveas,o_YQ")));
       },
       errc::async_only_operation, "process"},
      {"a synchronous-only operation in AsyncProcessObject",
       [&] {
         return error_of(oss::async_process_object{
             .bucket = "bucket", .key = "a.jpg", .process = style("image/resize,w_1")}
                             .prepare(hangzhou()));
       },
       errc::sync_only_operation, "process"},
      {"a 6th CI rule",
       [&] { return error_of(cos_process("examplebucket-1250000000", "a.jpg", six)); },
       errc::too_many_rules, "pic_operations"},
      {"a CI rule that is not a rule",
       [&] {
         auto ops = one_rule();
         ops.rules[0].rule = "imageView2/format/png|";
         return error_of(cos_process("examplebucket-1250000000", "a.jpg", ops));
       },
       errc::empty_operation, "rule"},
      {"a style reference in a COS presigned URL",
       [&] {
         return error_of(
             ci::presign(ci::presign_get{.bucket = "examplebucket-1250000000",
                                         .key = "a.jpg",
                                         .process = ci::parse_rule("style/thumb").value()},
                         guangzhou(), cos_keys, when, crypto));
       },
       errc::misplaced_operation, "rule"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const objproc::error e = c.run();
    CHECK(e.code == c.expected);
    CHECK(e.field == c.field);
    CHECK_FALSE(e.detail.empty());  // a short message for every refusal
  }
}

TEST_CASE("bad input: a quote in a Pic-Operations value is escaped; a line break is refused",
          "[bad-input]") {
  auto ops = one_rule();
  ops.rules[0].fileid = "o\".png";
  const auto signed_request = cos_process("examplebucket-1250000000", "a.jpg", ops);
  REQUIRE(signed_request.has_value());
  const auto header = signed_request->header("Pic-Operations");
  REQUIRE(header.has_value());
  CHECK(header->find("\"fileid\":\"o\\\".png\"") != std::string_view::npos);
  ops.rules[0].fileid = "o\r\n.png";
  const auto refused = cos_process("examplebucket-1250000000", "a.jpg", ops);
  REQUIRE_FALSE(refused.has_value());
  INFO(objproc::to_string(refused.error()));
  CHECK(refused.error().code == errc::invalid_object_key);
  CHECK(refused.error().field == objproc::cos::fields::fileid);  // the rule's output key, not "key"
}
