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

// A presigned URL for `op` into `out`: the GET request it prepares, presigned by cos::signer.
objproc::result<std::size_t> presign_to(const ci::presign_get& op, const ci::endpoint& where,
                                        const ci::credentials& creds, sys_seconds now,
                                        const objproc::crypto::portable& crypto,
                                        std::span<char> out) {
  auto request = op.prepare(where);
  if (!request) return request.error();
  return ci::signer{}.presign_to(out, *request, creds, now, op.expires, crypto);
}
}  // namespace

TEST_CASE("operations.json and signing.json: ci_put_object", "[cos][operations]") {
  const auto prepared = ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                          .key = "local.jpg",
                                          .operations = seed_operations(),
                                          .body = "fakejpegbytes",
                                          .content_type = "image/jpeg"}
                            .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  const auto& request = *prepared;
  CHECK(request.method() == objproc::http::method::put);
  CHECK(request.url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg");
  CHECK(request.header("Pic-Operations") == seed_json);
  CHECK(std::get<std::string>(request.body()) == "fakejpegbytes");
  CHECK(request.header("Content-Length") == "13");
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{});
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
  CHECK(prepared->url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/local.jpg?image_process");
  CHECK(prepared->header("Pic-Operations") == seed_json);
  CHECK(prepared->header("Content-Length") == "0");
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(signed_request.has_value());
  CHECK(signed_request->header("Authorization") ==
        "q-sign-algorithm=sha1&q-ak=AKIDExampleSecretId&q-sign-time=1795248000;1795251600&"
        "q-key-time=1795248000;1795251600&q-header-list=content-length;host;pic-operations&"
        "q-url-param-list=image_process&q-signature=150940accd12fd2a73f9475466303b9f4b96cf2a");
}

TEST_CASE("COS requests carry COS's redaction declaration", "[cos][operations][redaction]") {
  ci::credentials sts = seed_keys;
  sts.session_token = "cos-session-token-value";
  const auto put = ci::ci_put_object{
      .bucket = "examplebucket-1250000000", .key = "a.jpg", .operations = seed_operations()}
                       .prepare(guangzhou());
  const auto process = ci::ci_image_process{
      .bucket = "examplebucket-1250000000", .key = "a.jpg", .operations = seed_operations()}
                           .prepare(guangzhou());
  for (const auto* prepared : {&put, &process}) {
    REQUIRE(prepared->has_value());
    CHECK((*prepared)->redaction() == &ci::redaction);
    const auto signed_request =
        ci::sign(**prepared, sts, seed_time, objproc::crypto::portable{});
    REQUIRE(signed_request.has_value());
    CHECK(signed_request->redaction() == &ci::redaction);
    const std::string auth(signed_request->header("Authorization").value());
    const std::string signature = auth.substr(auth.find("q-signature=") + 12);
    REQUIRE(signature.size() == 40);
    for (const std::string& out : {signed_request->to_string(), signed_request->to_curl()}) {
      INFO(out);
      CHECK(out.find(signature) == std::string::npos);
      CHECK(out.find("cos-session-token-value") == std::string::npos);
      CHECK(out.find("q-ak=AKIDExampleSecretId") != std::string::npos);
      CHECK(out.find("q-signature=<redacted>") != std::string::npos);
    }
  }
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
                 seed_time, objproc::crypto::portable{})
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
  CHECK(prepared->url() ==
        "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/"
        "%E4%B8%AD%E6%96%87%20a.jpg?image_process");
  CHECK(
      prepared->header("Pic-Operations") ==
      R"({"is_pic_info":0,"rules":[{"fileid":"/thumbs/a \"q\".webp","rule":"imageMogr2/thumbnail/!50p/format/webp"},{"bucket":"otherbucket-1250000000","fileid":"wm.jpg","rule":"watermark/2/text/6IW-6K6v5LqR/fill/IzNEM0QzRA/gravity/southeast"}]})");
  CHECK(prepared->header("Content-Length") == "0");
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
        const auto r = presign_to(op, guangzhou(), creds, seed_time, objproc::crypto::portable{},
                                  std::span(buffer.data(), n));
        REQUIRE_FALSE(r.has_value());
        REQUIRE(r.error().code == errc::buffer_too_small);
      }
      for (const std::size_t n : {url->size(), url->size() + 16}) {
        const auto r = presign_to(op, guangzhou(), creds, seed_time, objproc::crypto::portable{},
                                  std::span(buffer.data(), n));
        REQUIRE(r.has_value());
        CHECK(std::string_view(buffer.data(), *r) == *url);
      }
    }
  // The golden signature, through presign_to.
  char buffer[1024];
  const auto n =
      presign_to(ops[0], guangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer);
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
  CHECK(presign_to(ci::presign_get{.bucket = "examplebucket", .key = "a.jpg"}, guangzhou(),
                   seed_keys, seed_time, objproc::crypto::portable{}, buffer)
            .error()
            .code == errc::invalid_bucket_name);
  CHECK(presign_to(ci::presign_get{.bucket = "examplebucket-1250000000",
                                   .key = "a.jpg",
                                   .process = ci::parse_rule("style/thumb").value()},
                   guangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer)
            .error()
            .code == errc::misplaced_operation);
}

TEST_CASE("cos::presign of a long key falls back to the heap; cos::sign matches the signer",
          "[cos][operations][presign_to]") {
  std::string key;  // 283 three-byte characters: 849 bytes, the longest COS key of them
  while (key.size() + 3 <= ci::max_object_key_size) key += "\xe4\xb8\xad";
  const ci::presign_get op{.bucket = "examplebucket-1250000000", .key = key};
  const auto url = ci::presign(op, guangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  std::string buffer(8192, '\0');
  const auto n =
      presign_to(op, guangzhou(), seed_keys, seed_time, objproc::crypto::portable{}, buffer);
  REQUIRE(n.has_value());
  CHECK(buffer.substr(0, *n) == *url);

  // cos::sign(prepared) sets what the public signer returns.
  auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = key, .operations = seed_operations()}
          .prepare(guangzhou());
  REQUIRE(prepared.has_value());
  // A signed header long enough to move the scratch to the heap.
  REQUIRE(prepared->set_header("x-cos-meta-long", std::string(1500, 'v')).has_value());
  const auto signed_request =
      ci::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(signed_request.has_value());
  const auto headers = prepared->header_fields();
  const auto query = prepared->query_fields();
  const auto s =
      ci::detail::sign({.method = "POST", .key = key, .query = query, .headers = headers},
                       seed_keys, seed_time, seconds{3600}, objproc::crypto::portable{});
  REQUIRE(s.has_value());
  CHECK(s->http_string.size() > 2048);
  CHECK(signed_request->header("Authorization") == s->authorization);
}

namespace {

ci::ci_put_object seed_put() {
  return ci::ci_put_object{.bucket = "examplebucket-1250000000",
                           .key = "local.jpg",
                           .operations = seed_operations(),
                           .body = "fakejpegbytes",
                           .content_type = "image/jpeg"};
}

// The q-header-list of the signed request.
std::string header_list(const objproc::http::request& signed_request) {
  const std::string auth(signed_request.header("Authorization").value_or(""));
  const std::size_t at = auth.find("q-header-list=");
  if (at == std::string::npos) return {};
  const std::size_t from = at + std::string_view("q-header-list=").size();
  return auth.substr(from, auth.find('&', from) - from);
}

objproc::result<objproc::http::request> sign_put(const ci::ci_put_object& op) {
  auto prepared = op.prepare(guangzhou());
  if (!prepared) return prepared.error();
  return ci::sign(*prepared, seed_keys, seed_time, objproc::crypto::portable{});
}

// The error of preparing `op`.
objproc::error put_error(const ci::ci_put_object& op) {
  auto prepared = op.prepare(guangzhou());
  REQUIRE_FALSE(prepared.has_value());
  return prepared.error();
}

constexpr std::string_view seed_signature = "ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9";

}  // namespace

TEST_CASE("ci_put_object: no option, no new header (the golden request)", "[cos][operations]") {
  const auto signed_request = sign_put(seed_put());
  REQUIRE(signed_request.has_value());
  CHECK(header_list(*signed_request) == "content-length;content-type;host;pic-operations");
  CHECK(signed_request->header("Authorization")->find(seed_signature) != std::string_view::npos);
  std::size_t count = 0;
  for (const auto h : signed_request->headers()) {
    (void)h;
    ++count;
  }
  CHECK(count == 5);  // Host, Content-Length, Content-Type, Pic-Operations, Authorization
}

TEST_CASE("ci_put_object: each option sent and signed", "[cos][operations]") {
  const ci::user_meta meta[] = {{"origin", "camera-7"}, {"shot-at", "2026 12 01"}};
  ci::ci_put_object op = seed_put();
  op.acl = ci::object_acl::public_read;
  op.grant_read = R"(id="100000000001",id="100000000001/100000000011")";
  op.grant_read_acp = R"(id="qcs::cam::uin/100000000001:uin/100000000011")";
  op.grant_write_acp = R"(id="100000000002")";
  op.grant_full_control = R"(id="100000000003")";
  op.storage_class = ci::storage_class::maz_intelligent_tiering;
  op.expires = sys_seconds{seconds{1795248000}};
  op.cache_control = "max-age=86400";
  op.content_disposition = R"(attachment; filename="example.jpg")";
  op.content_encoding = "gzip";
  op.content_language = "zh-CN";
  op.enable_md5 = true;
  op.meta = meta;
  op.traffic_limit = 819200;
  const auto signed_request = sign_put(op);
  REQUIRE(signed_request.has_value());
  const auto& r = *signed_request;
  CHECK(r.header("x-cos-acl") == "public-read");
  CHECK(r.header("x-cos-grant-read") == R"(id="100000000001",id="100000000001/100000000011")");
  CHECK(r.header("x-cos-grant-read-acp") == R"(id="qcs::cam::uin/100000000001:uin/100000000011")");
  CHECK(r.header("x-cos-grant-write-acp") == R"(id="100000000002")");
  CHECK(r.header("x-cos-grant-full-control") == R"(id="100000000003")");
  CHECK(r.header("x-cos-storage-class") == "MAZ_INTELLIGENT_TIERING");
  CHECK(r.header("Expires") == "Sat, 21 Nov 2026 08:00:00 GMT");
  CHECK(r.header("Cache-Control") == "max-age=86400");
  CHECK(r.header("Content-Disposition") == R"(attachment; filename="example.jpg")");
  CHECK(r.header("Content-Encoding") == "gzip");
  CHECK(r.header("Content-Language") == "zh-CN");
  CHECK(r.header("Content-MD5") == objproc::crypto::content_md5(std::string_view("fakejpegbytes")));
  CHECK(r.header("x-cos-meta-origin") == "camera-7");
  CHECK(r.header("x-cos-meta-shot-at") == "2026 12 01");
  CHECK(r.header("x-cos-traffic-limit") == "819200");
  CHECK(header_list(r) ==
        "cache-control;content-disposition;content-encoding;content-language;content-length;"
        "content-md5;content-type;expires;host;pic-operations;x-cos-acl;x-cos-grant-full-control;"
        "x-cos-grant-read;x-cos-grant-read-acp;x-cos-grant-write-acp;x-cos-meta-origin;"
        "x-cos-meta-shot-at;x-cos-storage-class;x-cos-traffic-limit");
  CHECK(r.header("Authorization")->find(seed_signature) == std::string_view::npos);
}

TEST_CASE("ci_put_object: one option at a time joins q-header-list", "[cos][operations]") {
  const ci::user_meta meta[] = {{"a", "b"}};
  struct one {
    std::string_view signed_name;
    void (*set)(ci::ci_put_object&, std::span<const ci::user_meta>);
  };
  const one cases[] = {
      {"x-cos-acl", [](ci::ci_put_object& o, auto) { o.acl = ci::object_acl::default_; }},
      {"x-cos-grant-read", [](ci::ci_put_object& o, auto) { o.grant_read = R"(id="1")"; }},
      {"x-cos-grant-read-acp", [](ci::ci_put_object& o, auto) { o.grant_read_acp = R"(id="1")"; }},
      {"x-cos-grant-write-acp",
       [](ci::ci_put_object& o, auto) { o.grant_write_acp = R"(id="1")"; }},
      {"x-cos-grant-full-control",
       [](ci::ci_put_object& o, auto) { o.grant_full_control = R"(id="1")"; }},
      {"x-cos-storage-class",
       [](ci::ci_put_object& o, auto) { o.storage_class = ci::storage_class::standard; }},
      {"expires", [](ci::ci_put_object& o, auto) { o.expires = sys_seconds{}; }},
      {"cache-control", [](ci::ci_put_object& o, auto) { o.cache_control = "no-cache"; }},
      {"content-disposition", [](ci::ci_put_object& o, auto) { o.content_disposition = "inline"; }},
      {"content-encoding", [](ci::ci_put_object& o, auto) { o.content_encoding = "gzip"; }},
      {"content-language", [](ci::ci_put_object& o, auto) { o.content_language = "en"; }},
      {"content-md5",
       [](ci::ci_put_object& o, auto) { o.content_md5 = "ZzD3iDJdrMAAb00lgLLeig=="; }},
      {"x-cos-meta-a", [](ci::ci_put_object& o, auto m) { o.meta = m; }},
      {"x-cos-traffic-limit", [](ci::ci_put_object& o, auto) { o.traffic_limit = 838860800; }},
  };
  for (const one& c : cases) {
    INFO(c.signed_name);
    ci::ci_put_object op = seed_put();
    c.set(op, std::span<const ci::user_meta>(meta));
    const auto signed_request = sign_put(op);
    REQUIRE(signed_request.has_value());
    const std::string list = ";" + header_list(*signed_request) + ";";
    CHECK(list.find(";" + std::string(c.signed_name) + ";") != std::string::npos);
    CHECK(signed_request->header("Authorization")->find(seed_signature) == std::string_view::npos);
  }
}

TEST_CASE("ci_put_object: the enumerations and their text", "[cos][operations]") {
  CHECK(ci::to_string(ci::object_acl::default_) == "default");
  CHECK(ci::to_string(ci::object_acl::private_) == "private");
  CHECK(ci::to_string(ci::object_acl::bucket_owner_full_control) == "bucket-owner-full-control");
  CHECK(ci::parse_object_acl("authenticated-read") == ci::object_acl::authenticated_read);
  CHECK(ci::parse_object_acl("bucket-owner-read") == ci::object_acl::bucket_owner_read);
  CHECK(ci::parse_object_acl("public-read-write").error().code == errc::invalid_enum_value);
  CHECK(ci::parse_object_acl("Private").error().code == errc::invalid_enum_value);
  const char* classes[] = {"STANDARD",
                           "STANDARD_IA",
                           "ARCHIVE",
                           "DEEP_ARCHIVE",
                           "INTELLIGENT_TIERING",
                           "MAZ_STANDARD",
                           "MAZ_STANDARD_IA",
                           "MAZ_INTELLIGENT_TIERING"};
  for (const char* c : classes) {
    const auto parsed = ci::parse_storage_class(c);
    REQUIRE(parsed.has_value());
    CHECK(ci::to_string(*parsed) == c);
  }
  CHECK(ci::parse_storage_class("standard").error().code == errc::invalid_enum_value);
  CHECK(ci::parse_storage_class("MAZ_ARCHIVE").error().code == errc::invalid_enum_value);
  CHECK(ci::to_string(static_cast<ci::storage_class>(200)).empty());
}

TEST_CASE("ci_put_object: bad options refused, the header named", "[cos][operations]") {
  const auto named = [](const objproc::error& e, std::string_view field) {
    INFO(e.detail);
    return e.detail.find(field) != std::string_view::npos;
  };
  ci::ci_put_object op = seed_put();

  op.acl = static_cast<ci::object_acl>(99);
  CHECK(named(put_error(op), "x-cos-acl"));
  op = seed_put();
  op.storage_class = static_cast<ci::storage_class>(99);
  CHECK(named(put_error(op), "x-cos-storage-class"));

  // Grantee lists.
  for (std::string_view bad :
       {"100000000001", R"(id="")", R"(id="1",)", R"(id="1", id="2")", R"(id=1)", R"(uin="1")",
        R"(id="1)", R"(id="a b")", "id=\"1\"\r\nx: y"}) {
    INFO(bad);
    op = seed_put();
    op.grant_read = bad;
    auto e = put_error(op);
    CHECK(e.code == errc::invalid_header_value);
    CHECK(named(e, "x-cos-grant-read:"));
    op = seed_put();
    op.grant_full_control = bad;
    CHECK(named(put_error(op), "x-cos-grant-full-control"));
    op = seed_put();
    op.grant_read_acp = bad;
    CHECK(named(put_error(op), "x-cos-grant-read-acp"));
    op = seed_put();
    op.grant_write_acp = bad;
    CHECK(named(put_error(op), "x-cos-grant-write-acp"));
  }
  op = seed_put();
  op.grant_read = R"(id="1",id="2",id=x)";
  CHECK(put_error(op).offset == 17);
  std::string many;
  for (int i = 0; i < 101; ++i) many += (i == 0 ? "" : ",") + std::string(R"(id="1")");
  op = seed_put();
  op.grant_read = many;
  CHECK(put_error(op).code == errc::value_out_of_range);
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += (i == 0 ? "" : ",") + std::string(R"(id="1")");
  op.grant_read = fifty;
  op.grant_full_control = fifty;
  CHECK(sign_put(op).has_value());  // 100 in all
  op.grant_write_acp = R"(id="1")";
  CHECK(put_error(op).code == errc::value_out_of_range);

  // Free-text headers.
  struct text_case {
    std::string_view field;
    std::string_view ci::ci_put_object::*member;
  };
  const text_case texts[] = {{"Cache-Control", &ci::ci_put_object::cache_control},
                             {"Content-Disposition", &ci::ci_put_object::content_disposition},
                             {"Content-Encoding", &ci::ci_put_object::content_encoding},
                             {"Content-Language", &ci::ci_put_object::content_language}};
  for (const text_case& t : texts) {
    for (std::string_view bad : {"a\r\nb", " lead", "trail ", "tab\there", "caf\xc3\xa9"}) {
      INFO(t.field << " = " << bad);
      op = seed_put();
      op.*t.member = bad;
      const auto e = put_error(op);
      CHECK(e.code == errc::invalid_header_value);
      CHECK(named(e, t.field));
    }
  }
  op = seed_put();
  op.cache_control = "max-age=1\n";
  CHECK(put_error(op).offset == 9);

  // Expires outside RFC 1123's four-digit years.
  op = seed_put();
  op.expires = sys_seconds{seconds{253402300800}};  // 10000-01-01
  CHECK(named(put_error(op), "Expires"));

  // Content-MD5.
  for (std::string_view bad :
       {"ZzD3iDJdrMAAb00lgLLeig", "ZzD3iDJdrMAAb00lgLLeig=", "ZzD3iDJdrMAAb00lgLLeigAA",
        "ZzD3iDJdrMAAb00lgLLei_==", "676f02d9676f02d9676f02d9676f02d9"}) {
    INFO(bad);
    op = seed_put();
    op.content_md5 = bad;
    CHECK(named(put_error(op), "Content-MD5"));
  }
  op = seed_put();
  op.content_md5 = "ZzD3iDJdrMAAb00lgLLeig==";
  op.enable_md5 = true;
  CHECK(put_error(op).code == errc::conflicting_parameters);
  op = seed_put();
  op.enable_md5 = true;
  op.body_source = {.size = 4,
                    .context = nullptr,
                    .read = [](void*, std::span<std::byte>) noexcept -> std::size_t { return 0; }};
  const auto streaming = put_error(op);
  CHECK(streaming.code == errc::conflicting_parameters);
  CHECK(named(streaming, "Content-MD5"));

  // Traffic limit.
  for (std::uint64_t bad : {std::uint64_t{0}, std::uint64_t{819199}, std::uint64_t{838860801}}) {
    op = seed_put();
    op.traffic_limit = bad;
    const auto e = put_error(op);
    CHECK(e.code == errc::value_out_of_range);
    CHECK(named(e, "x-cos-traffic-limit"));
  }
}

TEST_CASE("put options: each check names the option it refused", "[cos][operations]") {
  CHECK(ci::parse_object_acl("public-read-write").error().field == objproc::cos::fields::acl);
  CHECK(ci::parse_storage_class("standard").error().field == "storage_class");
  CHECK(ci::check_traffic_limit(1).error().field == "traffic_limit");
  CHECK(ci::check_meta_key("Origin").error().field == "meta");
  const ci::user_meta twice[] = {{"a", "1"}, {"a", "2"}};
  CHECK(ci::check_meta(twice).error().field == "meta");
  const ci::user_meta bad_value[] = {{"a", " 1"}};
  CHECK(ci::check_meta(bad_value).error().field == "meta");
  // The generic checks name what their caller says they check.
  CHECK(ci::check_header_text(" x", "Cache-Control", "cache_control").error().field ==
        "cache_control");
  CHECK(ci::check_header_text(" x", "Cache-Control").error().field.empty());
  std::size_t grantees = 0;
  CHECK(ci::check_grantees("id=1", "x-cos-grant-read", grantees, "grant_read").error().field ==
        "grant_read");
  // Through the operation: metadata and the traffic limit are checked by put_options.hpp.
  auto op = seed_put();
  op.traffic_limit = 1;
  CHECK(put_error(op).field == "traffic_limit");
  op = seed_put();
  const ci::user_meta upper[] = {{"Origin", "camera"}};
  op.meta = upper;
  CHECK(put_error(op).field == "meta");
  op = seed_put();
  op.content_md5 = "not-md5";
  CHECK(put_error(op).field == "content_md5");
}

TEST_CASE("ci_put_object: user metadata rules", "[cos][operations]") {
  ci::ci_put_object op = seed_put();
  const auto meta_error = [&](std::span<const ci::user_meta> meta) {
    op = seed_put();
    op.meta = meta;
    return put_error(op);
  };
  const ci::user_meta upper[] = {{"Origin", "x"}};
  auto e = meta_error(upper);
  CHECK(e.code == errc::invalid_header_name);
  CHECK(e.offset == 0);
  CHECK(e.detail.find("x-cos-meta-") != std::string_view::npos);
  const ci::user_meta underscore[] = {{"my_key", "x"}};
  CHECK(meta_error(underscore).offset == 2);
  const ci::user_meta empty_key[] = {{"", "x"}};
  CHECK(meta_error(empty_key).code == errc::invalid_header_name);
  const ci::user_meta empty_value[] = {{"a", ""}};
  CHECK(meta_error(empty_value).code == errc::missing_value);
  const ci::user_meta twice[] = {{"a", "1"}, {"a", "2"}};
  CHECK(meta_error(twice).code == errc::duplicate_header);
  const ci::user_meta crlf[] = {{"a", "1\r\nx-cos-acl: public-read"}};
  e = meta_error(crlf);
  CHECK(e.code == errc::invalid_header_value);
  CHECK(e.offset == 1);

  // 2 KB per header (name and value), 4 KB in all.
  const std::string value(2048 - 11 - 1, 'v');  // "x-cos-meta-" + "a" + value: 2048
  const ci::user_meta at_limit[] = {{"a", value}};
  op = seed_put();
  op.meta = at_limit;
  CHECK(sign_put(op).has_value());
  const std::string longer = value + "v";
  const ci::user_meta over[] = {{"a", longer}};
  e = meta_error(over);
  CHECK(e.code == errc::text_too_long);
  const ci::user_meta two[] = {{"a", value}, {"b", value}};  // 4096 in all
  op = seed_put();
  op.meta = two;
  CHECK(sign_put(op).has_value());
  const ci::user_meta three[] = {{"a", value}, {"b", value}, {"c", "v"}};
  e = meta_error(three);
  CHECK(e.code == errc::text_too_long);
  CHECK(e.detail.find("4 KB") != std::string_view::npos);
}

TEST_CASE("COS signer: Expires and Cache-Control signed when present", "[cos][operations]") {
  const objproc::http::header_field headers[] = {
      {"Host", "b-1250000000.cos.ap-guangzhou.myqcloud.com"},
      {"Expires", "Sun, 21 Nov 2026 08:00:00 GMT"},
      {"Cache-Control", "no-cache"},
      {"Date", "Sun, 21 Nov 2026 08:00:00 GMT"}};
  const auto s = ci::detail::sign({.method = "PUT", .key = "a", .query = {}, .headers = headers},
                                  seed_keys, seed_time, seconds{60}, objproc::crypto::portable{});
  REQUIRE(s.has_value());
  CHECK(s->header_list == "cache-control;expires;host");
  CHECK(s->http_string ==
        "put\n/a\n\ncache-control=no-cache&expires=Sun%2C%2021%20Nov%202026%2008%3A00%3A00%20GMT&"
        "host=b-1250000000.cos.ap-guangzhou.myqcloud.com\n");
}

TEST_CASE("each operation checks its rules for where they run", "[cos][operations][placement]") {
  const auto rule_of = [](std::string_view text) { return ci::parse_rule(text).value(); };
  const auto presigned = [&](std::string_view text) {
    return ci::presign(
        ci::presign_get{
            .bucket = "examplebucket-1250000000", .key = "a.jpg", .process = rule_of(text)},
        guangzhou(), seed_keys, seed_time, objproc::crypto::portable{});
  };
  // A download URL: no blind-watermark extraction, no upload-only QR code, no style/.
  CHECK(presigned("imageMogr2/thumbnail/!50p").has_value());
  CHECK(presigned("imageInfo").has_value());
  for (const std::string_view bad : {"watermark/4/type/3/image/aHR0cDovL2V4YW1wbGUuY29tL3cucG5n",
                                     "QRcode/cover/0", "style/thumb"}) {
    INFO(bad);
    const auto url = presigned(bad);
    REQUIRE_FALSE(url.has_value());
    CHECK(url.error().code == errc::misplaced_operation);
  }
  // Pic-Operations: QRcode only on upload; imageInfo only in a download URL.
  const auto with_rule = [](std::string_view text) {
    return ci::pic_operations{.rules = {{.fileid = "out.jpg", .rule = std::string(text)}}};
  };
  const auto put = [&](std::string_view text) {
    return ci::ci_put_object{.bucket = "examplebucket-1250000000",
                             .key = "a.jpg",
                             .operations = with_rule(text),
                             .body = "x"}
        .prepare(guangzhou());
  };
  const auto process = [&](std::string_view text) {
    return ci::ci_image_process{
        .bucket = "examplebucket-1250000000", .key = "a.jpg", .operations = with_rule(text)}
        .prepare(guangzhou());
  };
  CHECK(put("QRcode/cover/0").has_value());
  REQUIRE_FALSE(process("QRcode/cover/0").has_value());
  CHECK(process("QRcode/cover/0").error().code == errc::misplaced_operation);
  REQUIRE_FALSE(put("imageInfo").has_value());
  CHECK(put("imageInfo").error().code == errc::misplaced_operation);
  CHECK(process("imageMogr2/thumbnail/!50p").has_value());
}
