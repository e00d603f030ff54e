// SPDX-License-Identifier: MIT
// Tests objproc/signer.hpp: the signer contract and its models (oss/signer.hpp, cos/signer.hpp):
// one request in, which knows its resource; a signed request or a presigned URL out.
#include "objproc/signer.hpp"

#include <catch2/catch.hpp>

#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "archetypes/request_signer.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/operations.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
namespace http = objproc::http;
using objproc::errc;
using portable = objproc::crypto::portable;
using std::chrono::seconds;
using std::chrono::sys_seconds;

static_assert(objproc::request_signer<oss::v4_signer, portable>);
static_assert(objproc::request_signer<oss::v1_signer, portable>);
static_assert(objproc::request_signer<oss::signer, portable>);
static_assert(objproc::request_signer<ci::signer, portable>);
static_assert(!objproc::request_signer<oss::v4_signer, int>, "a signer needs a crypto_provider");

namespace {
const oss::credentials oss_keys{.access_key_id = "LTAI5tExampleAK",
                                .access_key_secret = "ExampleSecretKey123",
                                .security_token = ""};
const ci::credentials cos_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
const sys_seconds seed_time{seconds{1795248000}};
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
ci::endpoint guangzhou() { return ci::endpoint::for_region("ap-guangzhou").value(); }

http::request oss_seed() {
  return oss::process_object{.bucket = "examplebucket",
                             .key = "exampledir/example.jpg",
                             .process = oss::parse_style("image/resize,m_fixed,w_100,h_100").value()}
      .prepare(hangzhou())
      .value();
}
http::request cos_seed() {
  return ci::ci_image_process{
      .bucket = "examplebucket-1250000000",
      .key = "local.jpg",
      .operations = {.is_pic_info = true,
                     .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}}}
      .prepare(guangzhou())
      .value();
}

// Generic code written against the concept alone: what every model must agree on.
template <class Signer, class Credentials>
void check_model(const Signer& signer, const http::request& request, const Credentials& creds) {
  static_assert(objproc::request_signer<Signer, portable>);
  const portable crypto;
  const auto signed_request = signer.sign(request, creds, seed_time, crypto);
  REQUIRE(signed_request.has_value());
  CHECK(signed_request->resource() == request.resource());  // the copy keeps its resource
  CHECK(signed_request->header("Authorization").has_value());
  CHECK(*signer.sign(request, creds, seed_time, crypto) == *signed_request);  // deterministic

  // An rvalue is signed in place: the same request as the copy. Signing the result again
  // replaces the signature headers (over their own bytes) and gives it once more.
  http::request copy = request;
  auto in_place = signer.sign(std::move(copy), creds, seed_time, crypto);
  REQUIRE(in_place.has_value());
  CHECK(*in_place == *signed_request);
  CHECK(in_place->to_string() == signed_request->to_string());
  for (int i = 0; i < 3; ++i) {
    in_place = signer.sign(*std::move(in_place), creds, seed_time, crypto);
    REQUIRE(in_place.has_value());
    CHECK(*in_place == *signed_request);
  }
  // A later time: values of other lengths or bytes replace the old ones wherever they were.
  const auto later = signer.sign(request, creds, seed_time + seconds{86400 + 61}, crypto);
  REQUIRE(later.has_value());
  auto resigned = signer.sign(*std::move(in_place), creds, seed_time + seconds{86400 + 61}, crypto);
  REQUIRE(resigned.has_value());
  CHECK(*resigned == *later);
  // The rvalue given was moved from: empty.
  CHECK(copy.host().empty());  // NOLINT(bugprone-use-after-move)
  CHECK(copy.headers().size() == 0);
  // A non-const lvalue is copied, not changed.
  http::request lvalue = request;
  REQUIRE(signer.sign(lvalue, creds, seed_time, crypto).has_value());
  CHECK(lvalue == request);

  const auto url = signer.presign(request, creds, seed_time, seconds{600}, crypto);
  REQUIRE(url.has_value());
  // One URL writer: the request's own URL, then the signature's parameters.
  const std::string base = request.url();
  CHECK(url->rfind(base, 0) == 0);
  CHECK(url->at(base.size()) == (base.find('?') == std::string::npos ? '?' : '&'));
  std::string buffer(url->size(), '#');
  const auto n = signer.presign_to(buffer, request, creds, seed_time, seconds{600}, crypto);
  REQUIRE(n.has_value());
  CHECK(buffer.substr(0, *n) == *url);
  const auto short_buffer = signer.presign_to(std::span(buffer).first(url->size() - 1), request,
                                              creds, seed_time, seconds{600}, crypto);
  REQUIRE_FALSE(short_buffer.has_value());
  CHECK(short_buffer.error().code == errc::buffer_too_small);
}
}  // namespace

TEST_CASE("signer: every model follows the contract", "[signer]") {
  oss::v4_key_cache cache;
  check_model(oss::v4_signer{}, oss_seed(), oss_keys);
  check_model(oss::v4_signer{.cache = &cache}, oss_seed(), oss_keys);
  check_model(oss::v1_signer{}, oss_seed(), oss_keys);
  check_model(oss::signer{.version = oss::signature_version::v1}, oss_seed(), oss_keys);
  check_model(ci::signer{}, cos_seed(), cos_keys);
  check_model(ci::signer{.lifetime = seconds{60}}, cos_seed(), cos_keys);
}

TEST_CASE("signer: an rvalue whose credentials view its own text is copied, not signed in place",
          "[signer]") {
  // A token read back from the request being signed: signing in place would grow the text the
  // token views. The signer copies instead, and the result is what a const request gives.
  const portable crypto;
  http::request request = oss_seed();
  REQUIRE(request.set_header("x-oss-security-token", std::string(200, 't')).has_value());
  const oss::credentials keys{.access_key_id = oss_keys.access_key_id,
                              .access_key_secret = oss_keys.access_key_secret,
                              .security_token = *request.header("x-oss-security-token")};
  const auto expected = oss::v4_signer{}.sign(std::as_const(request), keys, seed_time, crypto);
  REQUIRE(expected.has_value());
  const auto got = oss::v4_signer{}.sign(std::move(request), keys, seed_time, crypto);
  REQUIRE(got.has_value());
  CHECK(*got == *expected);
  CHECK(got->header("x-oss-security-token") == std::string(200, 't'));
  // Copied, so left as it was (the credentials still view it): a request signed in place would
  // have been moved from (a new, empty request).
  CHECK(request.header("x-oss-security-token") == std::string(200, 't'));  // NOLINT(bugprone-use-after-move)
  CHECK(request.resource() == oss_seed().resource());
}

TEST_CASE("signer: the golden signatures through the models", "[signer]") {
  const portable crypto;
  const auto v4 = oss::v4_signer{}.sign(oss_seed(), oss_keys, seed_time, crypto);
  REQUIRE(v4.has_value());
  CHECK(v4->header("Authorization") ==
        "OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request,"
        "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff");
  CHECK(*oss::sign(oss_seed(), oss_keys, seed_time, crypto) == *v4);  // V4 is the default
  CHECK(*oss::signer{}.sign(oss_seed(), oss_keys, seed_time, crypto) == *v4);
  const auto v1 = oss::v1_signer{}.sign(oss_seed(), oss_keys, seed_time, crypto);
  REQUIRE(v1.has_value());
  CHECK(*oss::signer{.version = oss::signature_version::v1}.sign(oss_seed(), oss_keys, seed_time,
                                                                 crypto) == *v1);
  CHECK(*v1 != *v4);
  const auto cos = ci::signer{}.sign(cos_seed(), cos_keys, seed_time, crypto);
  REQUIRE(cos.has_value());
  CHECK(cos->header("Authorization")->ends_with(
      "q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a"));

  const auto get = oss::presign_get{.bucket = "examplebucket",
                                    .key = "photos/\xe7\x8c\xab cat+1.jpg",
                                    .process = oss::parse_style(
                                                   "image/resize,m_fill,w_200,h_200/quality,q_80/"
                                                   "format,webp")
                                                   .value()}
                       .prepare(hangzhou());
  REQUIRE(get.has_value());
  const auto url = oss::v4_signer{}.presign(*get, oss_keys, seed_time, seconds{3600}, crypto);
  REQUIRE(url.has_value());
  CHECK(url->find("x-oss-signature=e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e"
                  "84") != std::string::npos);
}

TEST_CASE("signer: the request carries its resource, and only that is signed for", "[signer]") {
  const http::request seed = oss_seed();
  const http::resource where = seed.resource();
  CHECK(where.service == "oss");
  CHECK(where.bucket == "examplebucket");
  CHECK(where.key == "exampledir/example.jpg");
  CHECK(where.region == "cn-hangzhou");
  CHECK(cos_seed().resource() == http::resource{"cos", "examplebucket-1250000000", "local.jpg",
                                                "ap-guangzhou"});

  // A request built by hand with the same parts and resource signs the same.
  auto by_hand = http::request::make(seed.method(), {"https", std::string(seed.host()),
                                                     std::string(seed.path())});
  REQUIRE(by_hand.has_value());
  REQUIRE(by_hand->add_query("x-oss-process").has_value());
  REQUIRE(by_hand->set_header("Content-Type", "application/x-www-form-urlencoded").has_value());
  by_hand->set_body(std::get<std::string>(seed.body()));
  CHECK(*by_hand != seed);  // no resource yet
  const portable crypto;
  const auto refused = oss::sign(*by_hand, oss_keys, seed_time, crypto);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == errc::invalid_argument);
  by_hand->set_resource(where);
  CHECK(*by_hand == seed);
  CHECK(*oss::sign(*by_hand, oss_keys, seed_time, crypto) ==
        *oss::sign(seed, oss_keys, seed_time, crypto));

  // Another region in the resource: another V4 scope (the URL alone does not decide).
  by_hand->set_resource({"oss", "examplebucket", "exampledir/example.jpg", "cn-shanghai"});
  const auto shanghai = oss::sign(*by_hand, oss_keys, seed_time, crypto);
  REQUIRE(shanghai.has_value());
  CHECK(shanghai->header("Authorization")->find("/cn-shanghai/oss/") != std::string::npos);

  // Each vendor's signers refuse the other's requests.
  CHECK(oss::v4_signer{}.sign(cos_seed(), oss_keys, seed_time, crypto).error().code ==
        errc::invalid_argument);
  CHECK(oss::v1_signer{}.presign(cos_seed(), oss_keys, seed_time, seconds{60}, crypto)
            .error()
            .code == errc::invalid_argument);
  CHECK(ci::signer{}.sign(seed, cos_keys, seed_time, crypto).error().code ==
        errc::invalid_argument);
}

TEST_CASE("signer: the bucket and key are checked once, by the operation, or by the signer",
          "[signer]") {
  const portable crypto;
  // An operation's request carries OSS's mark (its bucket and key passed the signer's check);
  // copies keep it; a resource set by hand has none, and equality ignores it.
  const http::request seed = oss_seed();
  CHECK(seed.resource_checked() == &oss::detail::resource_checked);
  const http::request copy = seed;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(copy.resource_checked() == &oss::detail::resource_checked);
  http::request by_hand = seed;
  by_hand.set_resource(seed.resource());
  CHECK(by_hand.resource_checked() == nullptr);
  CHECK(by_hand == seed);
  CHECK(*oss::sign(by_hand, oss_keys, seed_time, crypto) ==
        *oss::sign(seed, oss_keys, seed_time, crypto));

  // Without the mark the signers check: a bad bucket or key set by hand is refused.
  for (const auto& [bucket, key, code] :
       {std::tuple<std::string_view, std::string_view, errc>{"Bad_Bucket", "a.jpg",
                                                             errc::invalid_bucket_name},
        {"examplebucket", "/a.jpg", errc::invalid_object_key},
        {"examplebucket", "a\nb.jpg", errc::invalid_object_key},
        {"", "a.jpg", errc::invalid_argument}}) {
    INFO(bucket << " " << key);
    by_hand.set_resource({"oss", bucket, key, "cn-hangzhou"});
    for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
      const auto refused =
          oss::sign(by_hand, oss_keys, seed_time, crypto, oss::signer{.version = version});
      REQUIRE_FALSE(refused.has_value());
      CHECK(refused.error().code == code);
    }
  }

  // The mark's promise: what check_resource adds to locate() is the line-break test.
  using namespace std::string_view_literals;
  for (const std::string_view key :
       {"a.jpg"sv, "dir/\xe7\x8c\xab.jpg"sv, "a\rb"sv, "a\nb"sv, "a\0b"sv}) {
    INFO(key.size());
    REQUIRE(hangzhou().locate("examplebucket", key).has_value());
    CHECK(oss::detail::located_resource_passes(key) ==
          oss::detail::check_resource({.bucket = "examplebucket", .key = key}).has_value());
  }

  // An operation whose key the signer refuses (a line break: the key is fine for the URL, not
  // for a signature) gets no mark, so the signer still refuses it.
  const auto line_break =
      oss::process_object{.bucket = "examplebucket",
                          .key = "a\nb.jpg",
                          .process = oss::parse_style("image/resize,w_100").value()}
          .prepare(hangzhou());
  REQUIRE(line_break.has_value());
  CHECK(line_break->resource_checked() == nullptr);
  const auto refused = oss::sign(*line_break, oss_keys, seed_time, crypto);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == errc::invalid_object_key);
  CHECK(refused.error().field == objproc::fields::key);
}

TEST_CASE("signer: presign refuses a request that already carries a signature parameter",
          "[signer]") {
  const portable crypto;
  auto get = oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"}.prepare(hangzhou());
  REQUIRE(get.has_value());
  auto v4_signed = *get;
  REQUIRE(v4_signed.add_query("x-oss-signature", "0123").has_value());
  CHECK(oss::v4_signer{}.presign(v4_signed, oss_keys, seed_time, seconds{60}, crypto)
            .error()
            .code == errc::conflicting_parameters);
  auto v1_signed = *get;
  REQUIRE(v1_signed.add_query("Signature", "abc").has_value());
  CHECK(oss::v1_signer{}.presign(v1_signed, oss_keys, seed_time, seconds{60}, crypto)
            .error()
            .code == errc::conflicting_parameters);
  auto cos_get =
      ci::presign_get{.bucket = "examplebucket-1250000000", .key = "a.jpg"}.prepare(guangzhou());
  REQUIRE(cos_get.has_value());
  REQUIRE(cos_get->add_query("q-signature", "abc").has_value());
  const auto cos_refusal = ci::signer{}.presign(*cos_get, cos_keys, seed_time, seconds{60}, crypto);
  REQUIRE_FALSE(cos_refusal.has_value());
  CHECK(cos_refusal.error().code == errc::conflicting_parameters);
  CHECK(cos_refusal.error().field == objproc::fields::query);
}

TEST_CASE("signer: presign grows its buffers; presign_to needs the room", "[signer]") {
  std::string key;
  while (key.size() < 1000) key += "\xe7\x8c\xab";  // each byte encodes to %XX
  const auto get = oss::presign_get{.bucket = "examplebucket", .key = key}.prepare(hangzhou());
  REQUIRE(get.has_value());
  const portable crypto;
  for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
    const oss::signer signer{.version = version};
    const auto url = signer.presign(*get, oss_keys, seed_time, seconds{60}, crypto);
    REQUIRE(url.has_value());
    CHECK(url->size() > 3000);
    std::string buffer(8192, '\0');
    const auto n = signer.presign_to(buffer, *get, oss_keys, seed_time, seconds{60}, crypto);
    REQUIRE(n.has_value());
    CHECK(buffer.substr(0, *n) == *url);
  }
}

TEST_CASE("signer: presign_to refuses a request whose work text outgrows its stack buffer, "
          "without asking for a larger URL buffer",
          "[signer]") {
  // A long signed query parameter (V1 signs response-* ones): each model's work text (encoded
  // fields, canonical request, string to sign) outgrows presign_to's fixed stack scratch while
  // the URL would fit the caller's buffer. Found by the signing fuzz target: presign_to said
  // buffer_too_small, so a caller growing its buffer until the URL fits never got there.
  const portable crypto;
  const auto check = [&](const auto& signer, http::request request, const auto& creds) {
    REQUIRE(request.add_query("response-content-type", std::string(5000, 'v')).has_value());
    const auto url = signer.presign(request, creds, seed_time, seconds{60}, crypto);
    REQUIRE(url.has_value());
    std::string buffer(4 * url->size(), '\0');  // room for the URL, and more
    const auto n = signer.presign_to(buffer, request, creds, seed_time, seconds{60}, crypto);
    REQUIRE_FALSE(n.has_value());
    CHECK(n.error().code == errc::value_out_of_range);
    CHECK(n.error().detail.find("presign_scratch_size") != std::string_view::npos);
    // presign_into with a larger scratch writes presign's URL; with too small a scratch it
    // says which buffer ran out.
    std::string scratch(4 * objproc::detail::presign_scratch_size, '\0');
    const auto into =
        signer.presign_into(buffer, scratch, request, creds, seed_time, seconds{60}, crypto);
    REQUIRE(into.has_value());
    CHECK(buffer.substr(0, *into) == *url);
    const auto small = signer.presign_into(buffer, std::span(scratch).first(100), request, creds,
                                           seed_time, seconds{60}, crypto);
    REQUIRE_FALSE(small.has_value());
    CHECK(small.error().code == errc::buffer_too_small);
    CHECK(small.error().detail == objproc::detail::scratch_too_small_detail);
    // The URL buffer one byte short: buffer_too_small, naming no scratch.
    const auto short_url = signer.presign_into(std::span(buffer).first(url->size() - 1), scratch,
                                               request, creds, seed_time, seconds{60}, crypto);
    REQUIRE_FALSE(short_url.has_value());
    CHECK(short_url.error().code == errc::buffer_too_small);
    CHECK(short_url.error().detail != objproc::detail::scratch_too_small_detail);
  };
  const auto oss_get =
      oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"}.prepare(hangzhou());
  REQUIRE(oss_get.has_value());
  check(oss::v4_signer{}, *oss_get, oss_keys);
  check(oss::v1_signer{}, *oss_get, oss_keys);
  const auto cos_get =
      ci::presign_get{.bucket = "examplebucket-1250000000", .key = "a.jpg"}.prepare(guangzhou());
  REQUIRE(cos_get.has_value());
  check(ci::signer{}, *cos_get, cos_keys);

  // More parameters after the one that overflows: their names, cut to nothing, must not read
  // as duplicates (COS said duplicate_parameter, and presign gave up; found in review).
  auto more = *cos_get;
  REQUIRE(more.add_query("x-meta", std::string(5000, 'v')).has_value());
  REQUIRE(more.add_query("b", "1").has_value());
  REQUIRE(more.add_query("c", "1").has_value());
  const auto url = ci::signer{}.presign(more, cos_keys, seed_time, seconds{60}, crypto);
  REQUIRE(url.has_value());
  CHECK(url->find("&b=1&c=1") != std::string::npos);
  std::string buffer(4 * url->size(), '\0');
  const auto n = ci::signer{}.presign_to(buffer, more, cos_keys, seed_time, seconds{60}, crypto);
  REQUIRE_FALSE(n.has_value());
  CHECK(n.error().code == errc::value_out_of_range);
}
