// SPDX-License-Identifier: MIT
// The signers and operations with the OpenSSL provider: the golden values of signing.json, and
// agreement with crypto::portable on random keys (unicode, spaces, every reserved character)
// for every operation and signature form.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "objproc/adapters/openssl.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/operations.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

const oss::credentials oss_keys{.access_key_id = "LTAI5tExampleAK",
                                .access_key_secret = "ExampleSecretKey123",
                                .security_token = ""};
const ci::credentials cos_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
const sys_seconds seed_time{seconds{1795248000}};
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
ci::endpoint guangzhou() { return ci::endpoint::for_region("ap-guangzhou").value(); }

ci::pic_operations seed_operations() {
  return {.is_pic_info = true,
          .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
}

/// A random object key: valid UTF-8 of 1..40 code points drawn from ASCII (with every reserved
/// and unreserved character), 2-, 3- and 4-byte sequences; never starting with '/' or '\'.
std::string random_key(std::mt19937& rng) {
  static constexpr std::string_view pieces[] = {" ",
                                                "+",
                                                "%",
                                                "?",
                                                "#",
                                                "&",
                                                "=",
                                                ";",
                                                ":",
                                                "@",
                                                "$",
                                                ",",
                                                "!",
                                                "*",
                                                "'",
                                                "(",
                                                ")",
                                                "[",
                                                "]",
                                                "~",
                                                "-",
                                                "_",
                                                ".",
                                                "/",
                                                "a",
                                                "Z",
                                                "0",
                                                "9",
                                                "\xc3\xa9",
                                                "\xe7\x8c\xab",
                                                "\xf0\x9f\x90\xb1",
                                                "./",
                                                "../",
                                                "%20",
                                                "%2F"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(1, 40);
  std::string key = "k";
  for (int i = length(rng); i > 0; --i) key += pieces[pick(rng)];
  return key;
}

}  // namespace

TEST_CASE("openssl signers: the golden values of signing.json", "[openssl][sign]") {
  const objproc::openssl::crypto ssl;
  const auto prepared =
      oss::process_object{.bucket = "examplebucket",
                          .key = "exampledir/example.jpg",
                          .process = oss::parse_style("image/resize,m_fixed,w_100,h_100").value()}
          .prepare(hangzhou());
  REQUIRE(prepared.has_value());
  const auto v4 = oss::sign(*prepared, oss_keys, seed_time, ssl);
  REQUIRE(v4.has_value());
  CHECK(v4->header("Authorization") ==
        "OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request,"
        "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff");

  const auto url = oss::presign(
      oss::presign_get{
          .bucket = "examplebucket",
          .key = "photos/\xe7\x8c\xab cat+1.jpg",
          .process =
              oss::parse_style("image/resize,m_fill,w_200,h_200/quality,q_80/format,webp").value(),
          .expires = seconds{3600}},
      hangzhou(), oss_keys, seed_time, ssl);
  REQUIRE(url.has_value());
  CHECK(url->find("x-oss-signature=e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1"
                  "e84") != std::string::npos);

  const auto put = ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                     .key = "local.jpg",
                                     .operations = seed_operations(),
                                     .body = "fakejpegbytes",
                                     .content_type = "image/jpeg"}
                       .prepare(guangzhou());
  REQUIRE(put.has_value());
  const auto signed_put = ci::sign(*put, cos_keys, seed_time, ssl);
  REQUIRE(signed_put.has_value());
  CHECK(signed_put->header("Authorization")
            ->ends_with("q-signature=ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9"));

  const auto process =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = "local.jpg", .operations = seed_operations()}
          .prepare(guangzhou());
  REQUIRE(process.has_value());
  const auto signed_process = ci::sign(*process, cos_keys, seed_time, ssl);
  REQUIRE(signed_process.has_value());
  CHECK(signed_process->header("Authorization")
            ->ends_with("q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a"));

  const auto cos_url =
      ci::presign(ci::presign_get{.bucket = "examplebucket-1250000000",
                                  .key = "dir/pic 1.jpg",
                                  .process = ci::parse_rule("imageMogr2/thumbnail/!50p").value(),
                                  .expires = seconds{600}},
                  guangzhou(), cos_keys, seed_time, ssl);
  REQUIRE(cos_url.has_value());
  CHECK(cos_url->find("q-signature=4740dd0fa72048e630309be620611dc97acf39bd") != std::string::npos);
}

TEST_CASE("openssl signers: agree with portable on random keys, every operation and form",
          "[openssl][sign]") {
  const objproc::openssl::crypto ssl;
  const objproc::crypto::portable portable;
  std::mt19937 rng(20261121);
  const auto style = oss::parse_style("image/resize,w_100|sys/saveas,o_b3V0LmpwZw").value();
  const auto async_style =
      oss::parse_style("video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA/notify,topic_dA")
          .value();
  for (int i = 0; i < 300; ++i) {
    const std::string key = random_key(rng);
    INFO("key " << key);
    const auto when = seed_time + seconds{static_cast<long>(rng() % 100000000)};
    const auto sync =
        oss::process_object{.bucket = "examplebucket", .key = key, .process = style}.prepare(
            hangzhou());
    REQUIRE(sync.has_value());
    for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
      const auto a = oss::sign(*sync, oss_keys, when, ssl, oss::signer{.version = version});
      const auto b = oss::sign(*sync, oss_keys, when, portable, oss::signer{.version = version});
      REQUIRE(a.has_value());
      REQUIRE(b.has_value());
      CHECK(*a == *b);
      CHECK(*oss::sign(*sync, oss_keys, when, ssl, oss::signer{.version = version}) ==
            *a);  // deterministic
    }
    const auto async =
        oss::async_process_object{.bucket = "examplebucket", .key = key, .process = async_style}
            .prepare(hangzhou());
    REQUIRE(async.has_value());
    CHECK(*oss::sign(*async, oss_keys, when, ssl) == *oss::sign(*async, oss_keys, when, portable));
    const oss::presign_get get{.bucket = "examplebucket", .key = key};
    CHECK(*oss::presign(get, hangzhou(), oss_keys, when, ssl) ==
          *oss::presign(get, hangzhou(), oss_keys, when, portable));
    CHECK(*oss::presign(get, hangzhou(), oss_keys, when, ssl, oss::v1_signer{}) ==
          *oss::presign(get, hangzhou(), oss_keys, when, portable, oss::v1_signer{}));

    const auto put = ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                       .key = key,
                                       .operations = seed_operations(),
                                       .body = key}
                         .prepare(guangzhou());
    REQUIRE(put.has_value());
    CHECK(*ci::sign(*put, cos_keys, when, ssl, ci::signer{.lifetime = seconds{60}}) ==
          *ci::sign(*put, cos_keys, when, portable, ci::signer{.lifetime = seconds{60}}));
    const ci::presign_get cos_get{.bucket = "examplebucket-1250000000", .key = key};
    CHECK(*ci::presign(cos_get, guangzhou(), cos_keys, when, ssl) ==
          *ci::presign(cos_get, guangzhou(), cos_keys, when, portable));
  }
}
