// Tests objproc/oss/operations.hpp: the descriptors of operations.json, signed to the values of
// signing.json (copied here: the build does not need ../shared).
#include "objproc/oss/operations.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"

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
    const auto& request = prepared->request;
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
  CHECK(prepared->request.url() ==
        "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/docs/example.docx?x-oss-async-process");
  CHECK(std::get<std::string>(prepared->request.body()) ==
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
  const auto v1 = oss::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{},
                            oss::signature_version::v1);
  REQUIRE(v1.has_value());
  CHECK(v1->header("x-oss-date") == "Sat, 21 Nov 2026 08:00:00 GMT");
  CHECK(v1->header("Authorization").value().substr(0, 20) == "OSS LTAI5tExampleAK:");
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

TEST_CASE("operations refuse what their carrier forbids", "[oss][operations]") {
  const auto with_saveas = style_of("image/resize,w_1|sys/saveas,o_YQ");
  CHECK(oss::presign(
            oss::presign_get{.bucket = "examplebucket", .key = "a.jpg", .process = with_saveas},
            hangzhou(), seed_keys, seed_time, objproc::crypto::portable{})
            .error()
            .code == errc::saveas_not_allowed);
  CHECK(oss::process_object{.bucket = "examplebucket",
                            .key = "a.jpg",
                            .process = style_of("image/resize,w_1|sys/notify,topic_dA")}
            .prepare(hangzhou())
            .error()
            .code == errc::notify_not_allowed);
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
            .code == errc::saveas_required);
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
  CHECK(prepared->request.url() ==
        "https://examplebucket.oss-cn-shanghai.aliyuncs.com/video/in.mov?x-oss-async-process");
  CHECK(std::get<std::string>(prepared->request.body()) ==
        "x-oss-async-process=video%2Fconvert%2Cf_mp4%2Cvcodec_h264%2Cfps_30%2Cs_1280x720%2Cacodec_"
        "aac%7Csys%2Fsaveas%2Co_dmlkZW8vb3V0Lm1wNA%2Cb_ZXhhbXBsZWJ1Y2tldA");
}
