// SPDX-License-Identifier: MIT
// Tests objproc/oss/operations.hpp: the descriptors of operations.json, signed to the values of
// signing.json (tests/vectors: golden values from the vendors' own signing code).
#include "objproc/oss/operations.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/key_cache.hpp"

namespace oss = objproc::oss;
using objproc::errc;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {
const oss::credentials seed_keys{.access_key_id = "LTAI5tExampleAK",
                                 .access_key_secret = "ExampleSecretKey123",
                                 .security_token = ""};
const sys_seconds seed_time{seconds{1795248000}};
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
oss::style style_of(std::string_view text) { return oss::parse_style(text).value(); }

// The signer a test names by its version or its key cache.
oss::signer signer_of(oss::signature_version version) { return {.version = version}; }
oss::v4_signer signer_of(oss::v4_key_cache& cache) { return {.cache = &cache}; }

// A presigned URL for `op` into `out`: the GET request it prepares, presigned by `signer`.
template <class Signer = oss::v4_signer>
objproc::result<std::size_t> presign_to(const oss::presign_get& op, const oss::endpoint& where,
                                        const oss::credentials& creds, sys_seconds now,
                                        const objproc::crypto::portable& crypto,
                                        std::span<char> out, const Signer& signer = {}) {
  auto request = op.prepare(where);
  if (!request) return request.error();
  return signer.presign_to(out, *request, creds, now, op.expires, crypto);
}
}  // namespace

TEST_CASE("operations.json: ProcessObject descriptors", "[oss][operations]") {
  struct vector {
    const char* key;
    oss::style process;
    const char* url;
    const char* body;
  };
  const vector vectors[] = {
      {"exampledir/example.jpg",
       oss::image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100} |
           oss::save_as{.bucket = "targetbucket", .key = "exampledir/resized.jpg"},
       "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/exampledir/example.jpg?x-oss-process",
       "x-oss-process=image%2Fresize%2Cm_fixed%2Cw_100%2Ch_100%7Csys%2Fsaveas%2Co_"
       "ZXhhbXBsZWRpci9yZXNpemVkLmpwZw%2Cb_dGFyZ2V0YnVja2V0"},
      {"src/\xe7\x8c\xab 1.png",
       oss::image::resize{.w = 300} / oss::image::format{.type = oss::image_format::webp} |
           oss::save_as{.key = "out/\xe7\x8c\xab 1.webp"},
       "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/src/%E7%8C%AB%201.png?x-oss-process",
       "x-oss-process=image%2Fresize%2Cw_300%2Fformat%2Cwebp%7Csys%2Fsaveas%2Co_b3V0L-"
       "eMqyAxLndlYnA"},
  };
  for (const auto& v : vectors) {
    INFO(v.key);
    const auto prepared =
        oss::process_object{.bucket = "examplebucket", .key = v.key, .process = v.process}.prepare(
            hangzhou());
    REQUIRE(prepared.has_value());
    const auto& request = *prepared;
    CHECK(request.method() == objproc::http::method::post);
    CHECK(request.url() == v.url);
    REQUIRE(request.headers().size() == 1);
    CHECK(request.header("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(std::get<std::string>(request.body()) == v.body);
  }
}

TEST_CASE("operations.json: AsyncProcessObject descriptors", "[oss][operations]") {
  const auto prepared =
      oss::async_process_object{
          .bucket = "examplebucket",
          .key = "docs/example.docx",
          .process = style_of("doc/convert,target_png,source_docx") |
                     oss::save_as{.bucket = "examplebucket", .key = "dest.png"} |
                     oss::notify{.topic = "test-topic"}}
          .prepare(hangzhou());
  REQUIRE(prepared.has_value());
  CHECK(prepared->url() ==
        "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/docs/example.docx?x-oss-async-process");
  CHECK(std::get<std::string>(prepared->body()) ==
        "x-oss-async-process=doc%2Fconvert%2Ctarget_png%2Csource_docx%7Csys%2Fsaveas%2Co_"
        "ZGVzdC5wbmc%2Cb_ZXhhbXBsZWJ1Y2tldA%2Fnotify%2Ctopic_dGVzdC10b3BpYw");
}

TEST_CASE("signing.json: the seed ProcessObject signed with V4 and V1", "[oss][operations]") {
  const auto prepared = oss::process_object{.bucket = "examplebucket",
                                            .key = "exampledir/example.jpg",
                                            .process = style_of("image/resize,m_fixed,w_100,h_100")}
                            .prepare(hangzhou());
  REQUIRE(prepared.has_value());
  const auto v4 = oss::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(v4.has_value());
  CHECK(v4->header("x-oss-date") == "20261121T080000Z");
  CHECK(v4->header("x-oss-content-sha256") == "UNSIGNED-PAYLOAD");
  CHECK(v4->header("Authorization") ==
        "OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request,"
        "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff");
  // What is signed is what is sent: every header is in the descriptor, and the secret is not.
  CHECK(v4->to_string().find("ExampleSecretKey123") == std::string::npos);
  CHECK(v4->to_curl().find("3fd1b4bd08dcb56e") == std::string::npos);  // signature redacted
  // Signing twice gives the same request.
  CHECK(*oss::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{}) == *v4);
  const auto v1 =
      oss::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{}, oss::v1_signer{});
  REQUIRE(v1.has_value());
  CHECK(v1->header("x-oss-date") == "Sat, 21 Nov 2026 08:00:00 GMT");
  CHECK(v1->header("Authorization").value().substr(0, 20) == "OSS LTAI5tExampleAK:");
}

TEST_CASE("OSS requests carry OSS's redaction declaration", "[oss][operations][redaction]") {
  oss::credentials sts = seed_keys;
  sts.security_token = "CAIS-sts-token-value";
  for (const bool async : {false, true}) {
    const auto prepared =
        async ? oss::async_process_object{.bucket = "examplebucket",
                                          .key = "a.docx",
                                          .process = style_of("doc/convert,target_png") |
                                                     oss::save_as{.key = "out.png"} |
                                                     oss::notify{.topic = "t"}}
                    .prepare(hangzhou())
              : oss::process_object{.bucket = "examplebucket",
                                    .key = "a.jpg",
                                    .process = style_of("image/resize,w_100") |
                                               oss::save_as{.key = "out.jpg"}}
                    .prepare(hangzhou());
    REQUIRE(prepared.has_value());
    CHECK(prepared->redaction() == &oss::redaction);
    for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
      const auto signed_request =
          oss::sign(*prepared, sts, seed_time, objproc::crypto::portable{}, signer_of(version));
      REQUIRE(signed_request.has_value());
      CHECK(signed_request->redaction() == &oss::redaction);
      const std::string auth(signed_request->header("Authorization").value());
      const std::string signature = version == oss::signature_version::v1
                                        ? auth.substr(auth.find(':') + 1)
                                        : auth.substr(auth.find("Signature=") + 10);
      REQUIRE(signature.size() >= 28);
      for (const std::string& out : {signed_request->to_string(), signed_request->to_curl()}) {
        INFO(out);
        CHECK(out.find(signature) == std::string::npos);
        CHECK(out.find("CAIS-sts-token-value") == std::string::npos);
        CHECK(out.find("LTAI5tExampleAK") != std::string::npos);  // the key id stays readable
      }
    }
  }
}

TEST_CASE("signing.json: a presigned GET with a style (V4)", "[oss][operations]") {
  const auto url = oss::presign(
      oss::presign_get{
          .bucket = "examplebucket",
          .key = "photos/\xe7\x8c\xab cat+1.jpg",
          .process = style_of("image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"),
          .expires = seconds{3600}},
      hangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  CHECK(url->rfind("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/photos/"
                   "%E7%8C%AB%20cat%2B1.jpg?x-oss-process=image%2Fresize%2Cm_fill",
                   0) == 0);
  CHECK(url->find(
            "x-oss-signature=e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e84") !=
        std::string::npos);
  CHECK(url->find("x-oss-expires=3600") != std::string::npos);
}

// presign_to skips re-parsing a style when every operation is allowed in a GET URL; otherwise
// it reports what check_carrier reports. Both must agree for every kind of style.
TEST_CASE("presign checks the style as check_carrier does", "[oss][operations][presign_to]") {
  const char* const texts[] = {
      "image/resize,w_100",
      "image/resize,m_fill,w_200,h_200/quality,q_80/format,webp",
      "image/info",
      "image/resize,w_1|sys/saveas,o_YQ",
      "video/convert,f_mp4",
      "audio/convert,f_mp3",
      "audio/info",
      "audio/concat,f_mp3/sur,o_Yi5tcDM",
      "doc/convert,target_pdf",
      "doc/convert,target_png|sys/saveas,o_YQ/notify,topic_dGVzdA",
      "style/mystyle",
  };
  const objproc::crypto::portable crypto;
  oss::v4_key_cache cache;
  for (const char* text : texts) {
    INFO(text);
    const auto parsed = oss::parse_style(text);
    REQUIRE(parsed.has_value());
    const auto expected = oss::check_carrier(*parsed, oss::carrier::get_url);
    const oss::presign_get op{.bucket = "examplebucket", .key = "a.jpg", .process = *parsed};
    char buffer[1024];
    const auto n =
        presign_to(op, hangzhou(), seed_keys, seed_time, crypto, buffer, signer_of(cache));
    REQUIRE(n.has_value() == expected.has_value());
    if (!expected) {
      CHECK(n.error().code == expected.error().code);
      CHECK(n.error().offset == expected.error().offset);
    } else {
      CHECK(std::string_view(buffer, *n) ==
            oss::presign(op, hangzhou(), seed_keys, seed_time, crypto).value());
    }
  }
}

TEST_CASE("operations refuse what their carrier forbids", "[oss][operations]") {
  const auto with_saveas = style_of("image/resize,w_1|sys/saveas,o_YQ");
  CHECK(oss::presign(
            oss::presign_get{.bucket = "examplebucket", .key = "a.jpg", .process = with_saveas},
            hangzhou(), seed_keys, seed_time, objproc::crypto::portable{})
            .error()
            .code == oss::saveas_not_allowed);
  CHECK(oss::process_object{.bucket = "examplebucket",
                            .key = "a.jpg",
                            .process = style_of("image/resize,w_1|sys/notify,topic_dA")}
            .prepare(hangzhou())
            .error()
            .code == oss::notify_not_allowed);
  CHECK(oss::process_object{.bucket = "examplebucket",
                            .key = "a.mov",
                            .process = style_of("video/convert,f_mp4|sys/saveas,o_YQ")}
            .prepare(hangzhou())
            .error()
            .code == errc::async_only_operation);
  CHECK(oss::async_process_object{
            .bucket = "examplebucket", .key = "a.mov", .process = style_of("video/convert,f_mp4")}
            .prepare(hangzhou())
            .error()
            .code == oss::saveas_required);
  CHECK(
      oss::process_object{.bucket = "Bad_Bucket", .key = "a.jpg", .process = style_of("image/info")}
          .prepare(hangzhou())
          .error()
          .code == errc::invalid_bucket_name);
  CHECK(oss::process_object{.bucket = "examplebucket", .key = "a.jpg"}
            .prepare(hangzhou())
            .error()
            .code == errc::empty_style);
  const auto prepared =
      oss::process_object{
          .bucket = "examplebucket", .key = "a.jpg", .process = style_of("image/info")}
          .prepare(hangzhou());
  CHECK(oss::sign(*prepared, oss::credentials{.access_key_id = "id"}, seed_time,
                  objproc::crypto::portable{})
            .error()
            .code == errc::missing_credentials);
  CHECK(oss::presign(
            oss::presign_get{.bucket = "examplebucket", .key = "a.jpg", .expires = seconds{604801}},
            hangzhou(), seed_keys, seed_time, objproc::crypto::portable{})
            .error()
            .code == errc::value_out_of_range);
}

TEST_CASE("operations.json: async video convert in another region", "[oss][operations]") {
  const auto prepared =
      oss::async_process_object{
          .bucket = "examplebucket",
          .key = "video/in.mov",
          .process = style_of("video/convert,f_mp4,vcodec_h264,fps_30,s_1280x720,acodec_aac") |
                     oss::save_as{.bucket = "examplebucket", .key = "video/out.mp4"}}
          .prepare(oss::endpoint::for_region("cn-shanghai").value());
  REQUIRE(prepared.has_value());
  CHECK(prepared->url() ==
        "https://examplebucket.oss-cn-shanghai.aliyuncs.com/video/in.mov?x-oss-async-process");
  CHECK(std::get<std::string>(prepared->body()) ==
        "x-oss-async-process=video%2Fconvert%2Cf_mp4%2Cvcodec_h264%2Cfps_30%2Cs_1280x720%2Cacodec_"
        "aac%7Csys%2Fsaveas%2Co_dmlkZW8vb3V0Lm1wNA%2Cb_ZXhhbXBsZWJ1Y2tldA");
}

namespace {
// presign_to into buffers of every length up to the URL's: buffer_too_small below it, the
// same bytes as presign from it on.
template <class Presign, class PresignTo>
void check_presign_to(const Presign& presign, const PresignTo& presign_to) {
  const auto url = presign();
  REQUIRE(url.has_value());
  std::string buffer(url->size() + 16, '#');
  for (std::size_t n = 0; n < url->size(); ++n) {
    const auto r = presign_to(std::span<char>(buffer.data(), n));
    REQUIRE_FALSE(r.has_value());
    REQUIRE(r.error().code == errc::buffer_too_small);
  }
  for (const std::size_t n : {url->size(), url->size() + 16}) {
    const auto r = presign_to(std::span<char>(buffer.data(), n));
    REQUIRE(r.has_value());
    CHECK(std::string_view(buffer.data(), *r) == *url);
  }
}
}  // namespace

TEST_CASE("presign_to writes presign's URL, or buffer_too_small", "[oss][operations][presign_to]") {
  const oss::credentials sts_keys{.access_key_id = "LTAI5tExampleAK",
                                  .access_key_secret = "ExampleSecretKey123",
                                  .security_token = "CAIS+token/with=odd&chars"};
  const oss::presign_get ops[] = {
      {.bucket = "examplebucket",
       .key = "photos/\xe7\x8c\xab cat+1.jpg",
       .process = style_of("image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"),
       .expires = seconds{3600}},
      {.bucket = "examplebucket", .key = "a.jpg", .process = {}, .expires = seconds{60}},
  };
  for (const oss::presign_get& op : ops)
    for (const oss::credentials& creds : {seed_keys, sts_keys})
      for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
        INFO(op.key << " v" << (version == oss::signature_version::v4 ? 4 : 1) << " sts "
                    << creds.security_token);
        check_presign_to(
            [&] {
              return oss::presign(op, hangzhou(), creds, seed_time, objproc::crypto::portable{},
                                  signer_of(version));
            },
            [&](std::span<char> out) {
              return presign_to(op, hangzhou(), creds, seed_time, objproc::crypto::portable{}, out,
                                signer_of(version));
            });
      }
  // The golden signature, through presign_to.
  char buffer[1024];
  const auto n =
      presign_to(ops[0], hangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer);
  REQUIRE(n.has_value());
  CHECK(std::string_view(buffer, *n)
            .find("x-oss-signature=e13b2d410ffbd50767f6dc554faf84890dcc5e"
                  "a6f89ecb56f77d583ad3fd1e84") != std::string_view::npos);
  // Path-style and CNAME endpoints place the bucket as the request builder does.
  for (const auto& where :
       {oss::endpoint::custom("http://127.0.0.1:9000").value().with_region("cn-hangzhou").value(),
        oss::endpoint::cname("img.example.com").value().with_region("cn-hangzhou").value()}) {
    const auto url = oss::presign(ops[1], where, seed_keys, seed_time, objproc::crypto::portable{});
    REQUIRE(url.has_value());
    const auto located = where.locate("examplebucket", "a.jpg").value();
    CHECK(url->rfind(located.scheme + "://" + located.host + located.path + "?", 0) == 0);
  }
  // Errors come before any writing, as presign reports them.
  CHECK(presign_to(oss::presign_get{.bucket = "Bad_Bucket", .key = "a.jpg"}, hangzhou(), seed_keys,
                   seed_time, objproc::crypto::portable{}, buffer)
            .error()
            .code == errc::invalid_bucket_name);
}

TEST_CASE("presign of a long key: presign copes, presign_to needs the room",
          "[oss][operations][presign_to]") {
  std::string key;
  while (key.size() < 1000) key += "\xe7\x8c\xab";  // each byte encodes to %XX
  const oss::presign_get op{.bucket = "examplebucket", .key = key};
  const auto url = oss::presign(op, hangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  CHECK(url->size() > 3000);
  std::string buffer(8192, '\0');
  const auto n =
      presign_to(op, hangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer);
  REQUIRE(n.has_value());
  CHECK(buffer.substr(0, *n) == *url);
  // Signing with the public signer and the request builder gives the same URL.
  auto request = objproc::http::request::make(objproc::http::method::get,
                                              hangzhou().locate("examplebucket", key).value());
  REQUIRE(request.has_value());
  const auto s = oss::detail::sign_v4_query(
      {.method = "GET", .bucket = "examplebucket", .key = key}, seed_keys, "cn-hangzhou", seed_time,
      seconds{3600}, objproc::crypto::portable{});
  REQUIRE(s.has_value());
  REQUIRE(request->add_query(std::span(s->query.begin(), s->query.size())).has_value());
  CHECK(request->url() == *url);
}

// presign_to copies the signer's percent-encoded query text into the URL instead of encoding it
// again: the URL must be what the request builder writes from the signer's raw fields.
TEST_CASE("presign_to's URL is the request builder's", "[oss][operations][presign_to]") {
  const oss::credentials sts_keys{.access_key_id = "LTAI5tExampleAK",
                                  .access_key_secret = "ExampleSecretKey123",
                                  .security_token = "CAIS+token/with=odd&chars \xe7\x8c\xab~"};
  const oss::presign_get ops[] = {
      {.bucket = "examplebucket",
       .key = "photos/\xe7\x8c\xab cat+1.jpg",
       .process = style_of("image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"),
       .expires = seconds{3600}},
      {.bucket = "examplebucket", .key = "a.jpg", .process = {}, .expires = seconds{1}},
      {.bucket = "examplebucket", .key = "a/b/~c.png", .process = {}, .expires = seconds{604800}},
  };
  oss::v4_key_cache cache;
  for (const oss::presign_get& op : ops)
    for (const oss::credentials& creds : {seed_keys, sts_keys}) {
      INFO(op.key << " sts " << creds.security_token);
      char buffer[1024];
      const auto n = presign_to(op, hangzhou(), creds, seed_time, objproc::crypto::portable{},
                                buffer, signer_of(cache));
      REQUIRE(n.has_value());
      auto request = objproc::http::request::make(objproc::http::method::get,
                                                  hangzhou().locate(op.bucket, op.key).value());
      REQUIRE(request.has_value());
      std::vector<objproc::http::query_field> query;
      if (!op.process.empty()) {
        REQUIRE(request->add_query("x-oss-process", op.process.view()).has_value());
        query.push_back({"x-oss-process", op.process.view()});
      }
      const auto s = oss::detail::sign_v4_query(
          {.method = "GET", .bucket = op.bucket, .key = op.key, .query = query}, creds,
          "cn-hangzhou", seed_time, op.expires, objproc::crypto::portable{});
      REQUIRE(s.has_value());
      REQUIRE(request->add_query(std::span(s->query.begin(), s->query.size())).has_value());
      CHECK(std::string_view(buffer, *n) == request->url());
    }
}

TEST_CASE("v4_key_cache: cached and derived keys sign alike", "[oss][operations][key_cache]") {
  const auto prepare = [](const oss::endpoint& where) {
    return oss::process_object{.bucket = "examplebucket",
                               .key = "exampledir/example.jpg",
                               .process = style_of("image/resize,m_fixed,w_100,h_100")}
        .prepare(where)
        .value();
  };
  const auto hz = prepare(hangzhou());
  const auto sh = prepare(oss::endpoint::for_region("cn-shanghai").value());
  const oss::credentials other_secret{.access_key_id = "LTAI5tExampleAK",
                                      .access_key_secret = "AnotherSecret456",
                                      .security_token = ""};
  // Same length as the seed secret ("ExampleSecretKey123"), and one differing only in its last
  // byte: the cache compares the whole secret, not a prefix or a length.
  const oss::credentials same_length{.access_key_id = "LTAI5tExampleAK",
                                     .access_key_secret = "AnotherSecretKey456",
                                     .security_token = ""};
  const oss::credentials last_byte{.access_key_id = "LTAI5tExampleAK",
                                   .access_key_secret = "ExampleSecretKey124",
                                   .security_token = ""};
  const oss::credentials longer{.access_key_id = "LTAI5tExampleAK",
                                .access_key_secret = "ExampleSecretKey1234",
                                .security_token = ""};
  const oss::credentials other_id{.access_key_id = "LTAI5tOtherAK",
                                  .access_key_secret = "ExampleSecretKey123",
                                  .security_token = ""};
  const objproc::crypto::portable crypto;
  oss::v4_key_cache cache;
  CHECK(cache.empty());
  struct step {
    const char* what;
    const objproc::http::request* prepared;
    oss::credentials creds;
    sys_seconds when;
    bool hit;
  };
  const step steps[] = {
      {"cold", &hz, seed_keys, seed_time, false},
      {"same key", &hz, seed_keys, seed_time + std::chrono::hours{1}, true},
      {"another secret", &hz, other_secret, seed_time, false},
      {"back to the first secret", &hz, seed_keys, seed_time, false},
      {"the next day", &hz, seed_keys, seed_time + std::chrono::hours{24}, false},
      {"another region", &sh, seed_keys, seed_time + std::chrono::hours{24}, false},
      {"same again", &sh, seed_keys, seed_time + std::chrono::hours{25}, true},
      {"a secret of the same length", &sh, same_length, seed_time + std::chrono::hours{25}, false},
      {"the seed secret again", &sh, seed_keys, seed_time + std::chrono::hours{25}, false},
      {"only the last byte differs", &sh, last_byte, seed_time + std::chrono::hours{25}, false},
      {"the seed secret once more", &sh, seed_keys, seed_time + std::chrono::hours{25}, false},
      {"the seed secret plus a byte", &sh, longer, seed_time + std::chrono::hours{25}, false},
      {"the seed secret, shorter again", &sh, seed_keys, seed_time + std::chrono::hours{25}, false},
      // The key id is not part of the key: the same secret hits (the signature still differs).
      {"another key id, same secret", &sh, other_id, seed_time + std::chrono::hours{25}, true},
      {"the last second of the day", &sh, seed_keys,
       seed_time + std::chrono::hours{40} - std::chrono::seconds{1}, true},  // 23:59:59 UTC
      {"the first second of the next", &sh, seed_keys, seed_time + std::chrono::hours{40}, false},
  };
  std::uint64_t derivations = 0;
  std::uint64_t hits = 0;
  for (const step& s : steps) {
    INFO(s.what);
    const auto cold = oss::sign(*s.prepared, s.creds, s.when, crypto);
    const auto cached = oss::sign(*s.prepared, s.creds, s.when, crypto, signer_of(cache));
    REQUIRE(cold.has_value());
    REQUIRE(cached.has_value());
    CHECK(*cached == *cold);
    (s.hit ? hits : derivations) += 1;
    CHECK(cache.derivations() == derivations);
    CHECK(cache.hits() == hits);
  }
  // The golden signature, through the cache.
  cache.clear();
  CHECK(cache.empty());
  const auto v4 = oss::sign(hz, seed_keys, seed_time, crypto, signer_of(cache));
  REQUIRE(v4.has_value());
  CHECK(v4->header("Authorization") ==
        "OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request,"
        "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff");
  // A different secret never signs with the cached key.
  const auto other = oss::sign(hz, other_secret, seed_time, crypto, signer_of(cache));
  REQUIRE(other.has_value());
  CHECK(other->header("Authorization") != v4->header("Authorization"));
  CHECK(*other == *oss::sign(hz, other_secret, seed_time, crypto));

  // presign and presign_to through the cache give the uncached URL.
  const oss::presign_get op{.bucket = "examplebucket",
                            .key = "photos/\xe7\x8c\xab cat+1.jpg",
                            .process = style_of("image/resize,w_200"),
                            .expires = seconds{3600}};
  const auto url = oss::presign(op, hangzhou(), seed_keys, seed_time, crypto);
  REQUIRE(url.has_value());
  for (int i = 0; i < 2; ++i) {
    CHECK(oss::presign(op, hangzhou(), seed_keys, seed_time, crypto, signer_of(cache)) == url);
    char buffer[1024];
    const auto n =
        presign_to(op, hangzhou(), seed_keys, seed_time, crypto, buffer, signer_of(cache));
    REQUIRE(n.has_value());
    CHECK(std::string_view(buffer, *n) == *url);
  }
  // Errors pass through and leave the cache usable.
  CHECK(oss::sign(hz, oss::credentials{.access_key_id = "id"}, seed_time, crypto, signer_of(cache))
            .error()
            .code == errc::missing_credentials);
  CHECK(oss::presign(op, oss::endpoint::cname("img.example.com").value(), seed_keys, seed_time,
                     crypto, signer_of(cache))
            .error()
            .code == errc::invalid_region);
  CHECK(oss::sign(hz, seed_keys, seed_time, crypto, signer_of(cache)) == v4);
}

TEST_CASE("oss::sign refuses more headers than it sorts", "[oss][operations]") {
  auto prepared =
      oss::process_object{
          .bucket = "examplebucket", .key = "a.jpg", .process = style_of("image/info")}
          .prepare(hangzhou())
          .value();
  for (std::size_t i = 1; i < objproc::http::max_signed_fields; ++i)
    REQUIRE(prepared.add_header("x-oss-meta-n" + std::to_string(i), "v").has_value());
  CHECK(oss::sign(prepared, seed_keys, seed_time, objproc::crypto::portable{}).has_value());
  REQUIRE(prepared.add_header("x-oss-meta-last", "v").has_value());
  for (const auto version : {oss::signature_version::v4, oss::signature_version::v1})
    CHECK(oss::sign(prepared, seed_keys, seed_time, objproc::crypto::portable{}, signer_of(version))
              .error()
              .code == errc::value_out_of_range);
}

TEST_CASE("oss::sign of a long request: the scratch moves to the heap, same signature",
          "[oss][operations]") {
  std::string key;
  while (key.size() < 1000) key += "\xe7\x8c\xab";
  auto prepared =
      oss::process_object{.bucket = "examplebucket", .key = key, .process = style_of("image/info")}
          .prepare(hangzhou())
          .value();
  REQUIRE(prepared.add_header("x-oss-meta-long", std::string(1500, 'v')).has_value());
  const auto headers = prepared.header_fields();
  const auto query = prepared.query_fields();
  const oss::signing_input input{
      .method = "POST", .bucket = "examplebucket", .key = key, .query = query, .headers = headers};
  const objproc::crypto::portable crypto;
  const auto v4 = oss::sign(prepared, seed_keys, seed_time, crypto);
  const auto v4_parts =
      oss::detail::sign_v4_header(input, seed_keys, "cn-hangzhou", seed_time, crypto);
  REQUIRE(v4.has_value());
  REQUIRE(v4_parts.has_value());
  CHECK(v4_parts->canonical_request.size() > 4096);
  CHECK(v4->header("Authorization") == v4_parts->headers[2].value);
  const auto v1 = oss::sign(prepared, seed_keys, seed_time, crypto, oss::v1_signer{});
  const auto v1_parts = oss::detail::sign_v1_header(input, seed_keys, seed_time, crypto);
  REQUIRE(v1.has_value());
  REQUIRE(v1_parts.has_value());
  CHECK(v1_parts->string_to_sign.size() > 2048);
  CHECK(v1->header("Authorization") == v1_parts->headers[1].value);
}

namespace {

oss::process_object seed_process() {
  return oss::process_object{.bucket = "examplebucket",
                             .key = "exampledir/example.jpg",
                             .process = style_of("image/resize,m_fixed,w_100,h_100")};
}

struct signed_views {
  std::string v1_string_to_sign;
  std::string v4_canonical_request;
  std::string v1_authorization;
  std::string v4_authorization;
};

// The V1 string to sign and the V4 canonical request of a prepared request, and the
// Authorization oss::sign sends with each.
signed_views views_of(const objproc::http::request& prepared) {
  const auto headers = prepared.header_fields();
  const auto query = prepared.query_fields();
  const oss::signing_input input{.method = "POST",
                                 .bucket = prepared.resource().bucket,
                                 .key = prepared.resource().key,
                                 .query = query,
                                 .headers = headers};
  const objproc::crypto::portable crypto;
  const auto v1_parts = oss::detail::sign_v1_header(input, seed_keys, seed_time, crypto);
  const auto v4_parts =
      oss::detail::sign_v4_header(input, seed_keys, "cn-hangzhou", seed_time, crypto);
  const auto v1 = oss::sign(prepared, seed_keys, seed_time, crypto, oss::v1_signer{});
  const auto v4 = oss::sign(prepared, seed_keys, seed_time, crypto);
  REQUIRE(v1_parts.has_value());
  REQUIRE(v4_parts.has_value());
  REQUIRE(v1.has_value());
  REQUIRE(v4.has_value());
  CHECK(v1->header("Authorization") == v1_parts->headers[1].value);
  CHECK(v4->header("Authorization") == v4_parts->headers[2].value);
  return {v1_parts->string_to_sign, v4_parts->canonical_request,
          std::string(*v1->header("Authorization")), std::string(*v4->header("Authorization"))};
}

constexpr std::string_view seed_v4_signature =
    "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff";

}  // namespace

TEST_CASE("process options: none set, the golden request unchanged", "[oss][operations]") {
  const auto prepared = seed_process().prepare(hangzhou());
  REQUIRE(prepared.has_value());
  CHECK(prepared->headers().size() == 1);
  const auto views = views_of(*prepared);
  CHECK(views.v4_authorization.find(seed_v4_signature) != std::string::npos);
  CHECK(views.v1_string_to_sign.rfind("POST\n\napplication/x-www-form-urlencoded\n", 0) == 0);
}

TEST_CASE("process options: x-oss-request-payer sent and signed by V1 and V4",
          "[oss][operations]") {
  auto op = seed_process();
  op.request_payer = oss::payer::requester;
  const auto prepared = op.prepare(hangzhou());
  REQUIRE(prepared.has_value());
  CHECK(prepared->header("x-oss-request-payer") == "requester");
  CHECK_FALSE(prepared->header("Content-MD5").has_value());
  const auto views = views_of(*prepared);
  CHECK(views.v1_string_to_sign ==
        "POST\n\napplication/x-www-form-urlencoded\nSat, 21 Nov 2026 08:00:00 GMT\n"
        "x-oss-date:Sat, 21 Nov 2026 08:00:00 GMT\nx-oss-request-payer:requester\n"
        "/examplebucket/exampledir/example.jpg?x-oss-process");
  CHECK(views.v4_canonical_request.find("\nx-oss-request-payer:requester\n") != std::string::npos);
  CHECK(views.v4_authorization.find(seed_v4_signature) == std::string::npos);

  auto async = oss::async_process_object{
      .bucket = "examplebucket",
      .key = "docs/example.docx",
      .process = style_of("doc/convert,target_png,source_docx") |
                 oss::save_as{.bucket = "examplebucket", .key = "dest.png"},
      .request_payer = oss::payer::requester};
  const auto async_prepared = async.prepare(hangzhou());
  REQUIRE(async_prepared.has_value());
  CHECK(async_prepared->header("x-oss-request-payer") == "requester");
  CHECK(views_of(*async_prepared).v1_string_to_sign.find("\nx-oss-request-payer:requester\n") !=
        std::string::npos);
}

TEST_CASE("process options: Content-MD5 of the form-encoded body, signed by V1 and V4",
          "[oss][operations]") {
  auto op = seed_process();
  op.content_md5 = true;
  const auto prepared = op.prepare(hangzhou());
  REQUIRE(prepared.has_value());
  const std::string& body = std::get<std::string>(prepared->body());
  CHECK(body == "x-oss-process=image%2Fresize%2Cm_fixed%2Cw_100%2Ch_100");
  // The MD5 of the encoded bytes sent, not of the raw style (the Go and Python SDKs' value).
  const auto md5 = objproc::crypto::content_md5(std::string_view(body));
  CHECK(prepared->header("Content-MD5") == md5.view());
  CHECK(md5.view() != objproc::crypto::content_md5(
                          std::string_view("x-oss-process=image/resize,m_fixed,w_100,h_100"))
                          .view());
  const auto views = views_of(*prepared);
  CHECK(views.v1_string_to_sign.rfind(
            "POST\n" + std::string(md5.view()) + "\napplication/x-www-form-urlencoded\n", 0) == 0);
  CHECK(views.v4_canonical_request.find("\ncontent-md5:" + std::string(md5.view()) + "\n") !=
        std::string::npos);
  CHECK(views.v4_authorization.find(seed_v4_signature) == std::string::npos);

  // The async operation, both options together.
  const auto async_prepared =
      oss::async_process_object{.bucket = "examplebucket",
                                .key = "docs/example.docx",
                                .process = style_of("doc/convert,target_png,source_docx") |
                                           oss::save_as{.bucket = "examplebucket", .key = "d.png"},
                                .request_payer = oss::payer::requester,
                                .content_md5 = true}
          .prepare(hangzhou());
  REQUIRE(async_prepared.has_value());
  const std::string& async_body = std::get<std::string>(async_prepared->body());
  CHECK(async_prepared->header("Content-MD5") ==
        objproc::crypto::content_md5(std::string_view(async_body)).view());
  CHECK(async_prepared->header("x-oss-request-payer") == "requester");
}

TEST_CASE("process options: payer text and bad values", "[oss][operations]") {
  CHECK(oss::parse_payer("requester") == oss::payer::requester);
  CHECK(oss::parse_payer("Requester").error().code == errc::invalid_enum_value);
  CHECK(oss::parse_payer("bucket_owner").error().code == errc::invalid_enum_value);
  CHECK(oss::to_string(oss::payer::bucket_owner).empty());
  auto op = seed_process();
  op.request_payer = static_cast<oss::payer>(7);
  const auto e = op.prepare(hangzhou()).error();
  CHECK(e.code == errc::invalid_enum_value);
  CHECK(e.detail.find("x-oss-request-payer") != std::string_view::npos);
}
