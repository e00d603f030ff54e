// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/request.hpp"

#include <catch2/catch.hpp>

#include "objproc/cos/credentials.hpp"  // cos::redaction
#include "objproc/oss/credentials.hpp"  // oss::redaction

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

namespace http = objproc::http;
using objproc::errc;

http::request make(http::method m, std::string_view host, std::string_view path) {
  auto r = http::request::make(m, {"https", std::string(host), std::string(path)});
  REQUIRE(r.has_value());
  return *r;
}

bool absent(const std::string& text, std::string_view secret) {
  return text.find(secret) == std::string::npos;
}

}  // namespace

TEST_CASE("http::method names", "[http][request]") {
  STATIC_REQUIRE(http::to_string(http::method::get) == "GET");
  STATIC_REQUIRE(http::to_string(http::method::head) == "HEAD");
  STATIC_REQUIRE(http::to_string(http::method::put) == "PUT");
  STATIC_REQUIRE(http::to_string(http::method::post) == "POST");
  STATIC_REQUIRE(http::to_string(http::method::delete_) == "DELETE");
}

TEST_CASE("request url: encoded path, component-encoded query, bare keys", "[http][request]") {
  auto r = make(http::method::post, "examplebucket.oss-cn-hangzhou.aliyuncs.com",
                "/src/%E7%8C%AB%201.png");
  REQUIRE(r.add_query("x-oss-process").has_value());
  CHECK(r.url() ==
        "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/src/%E7%8C%AB%201.png?x-oss-process");
  REQUIRE(r.add_query("imageMogr2/thumbnail/!50p", "").has_value());
  REQUIRE(r.add_query("k y", "a/b c+猫").has_value());
  CHECK(r.url() ==
        "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/src/%E7%8C%AB%201.png?x-oss-process"
        "&imageMogr2%2Fthumbnail%2F%2150p=&k%20y=a%2Fb%20c%2B%E7%8C%AB");
  CHECK(r.target() ==
        "/src/"
        "%E7%8C%AB%201.png?x-oss-process&imageMogr2%2Fthumbnail%2F%2150p=&k%20y=a%2Fb%20c%2B%E7%8C%"
        "AB");
  const auto q = r.query_fields();
  REQUIRE(q.size() == 3);
  CHECK(q[0] == http::query_field{"x-oss-process", std::nullopt});
  CHECK(q[1] == http::query_field{"imageMogr2/thumbnail/!50p", std::string_view("")});
  CHECK(q[2] == http::query_field{"k y", std::string_view("a/b c+猫")});
  CHECK(r.add_query("").error().code == errc::invalid_query_parameter);
  CHECK(r.remove_query("k y") == 1);
  CHECK(r.query().size() == 2);
}

TEST_CASE("request checks scheme, host and path", "[http][request]") {
  http::request r;
  CHECK(r.set_scheme("http").has_value());
  CHECK(r.set_scheme("HTTP").error().code == errc::invalid_scheme);
  CHECK(r.set_scheme("").error().code == errc::invalid_scheme);

  CHECK(r.set_host("localhost:9000").has_value());
  CHECK(r.set_host("127.0.0.1").has_value());
  CHECK(r.set_host("[::1]:9000").has_value());
  struct bad {
    std::string_view host;
    std::size_t offset;
  };
  for (const bad& b :
       {bad{"a/b", 1}, bad{"user@host", 4}, bad{"a b", 1}, bad{"a\rb", 1}, bad{"ab\n", 2},
        bad{std::string_view("a\0b", 3), 1}, bad{"", 0}, bad{"h:", 1}, bad{"h:99999", 2},
        bad{"h:0", 2}, bad{"h:8x", 3}, bad{"[::1", 4}, bad{"[::1]x", 5}, bad{"[:g:]", 2}}) {
    INFO(b.host);
    const auto e = r.set_host(b.host);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == errc::invalid_host);
    CHECK(e.error().offset == b.offset);
  }
  CHECK(r.host() == "[::1]:9000");

  CHECK(r.set_path("/a/b%20c").has_value());
  CHECK(r.set_path("a").error().offset == 0);
  CHECK(r.set_path("").error().code == errc::invalid_path);
  CHECK(r.set_path("/a b").error().offset == 2);
  CHECK(r.set_path("/a?b").error().offset == 2);
  CHECK(r.set_path("/a#b").error().offset == 2);
  CHECK(r.set_path("/a\r\n").error().offset == 2);
  CHECK(r.set_path("/%2").error().offset == 1);
  CHECK(r.set_path("/%zz").error().offset == 1);
  CHECK(r.set_path("/\xe7\x8c\xab").error().offset == 1);
  CHECK(r.path() == "/a/b%20c");

  const auto m = http::request::make(http::method::get, {"https", "bad host", "/"});
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().code == errc::invalid_host);
  CHECK(m.error().offset == 3);
}

TEST_CASE("request headers: validation with offsets, set replaces, add appends",
          "[http][request]") {
  auto r = make(http::method::put, "h.example.com", "/k");
  struct bad {
    std::string_view value;
    std::size_t offset;
  };
  for (const bad& b : {bad{"a\rb", 1}, bad{"ab\n", 2}, bad{std::string_view("\0", 1), 0},
                       bad{"x\r\nInjected: 1", 1}}) {
    INFO(b.value);
    for (int which = 0; which < 2; ++which) {
      const auto e = which == 0 ? r.set_header("X-Test", b.value) : r.add_header("X-Test", b.value);
      REQUIRE_FALSE(e.has_value());
      CHECK(e.error().code == errc::invalid_header_value);
      CHECK(e.error().offset == b.offset);
    }
    // Every header name goes through the same value check, the signers' ones included.
    for (const std::string_view name :
         {"Authorization", "x-oss-security-token", "Content-Type", "Pic-Operations", "Host"}) {
      const auto e = r.set_header(name, b.value);
      REQUIRE_FALSE(e.has_value());
      CHECK(e.error().offset == b.offset);
    }
    const objproc::http::added_header added{"x-oss-date", std::string(b.value)};
    CHECK(r.set_headers(std::span(&added, 1)).error().code == errc::invalid_header_value);
  }
  const auto name_error = r.set_header("Bad Name", "v");
  CHECK(name_error.error().code == errc::invalid_header_name);
  CHECK(name_error.error().offset == 3);
  CHECK(r.add_header("", "v").error().code == errc::invalid_header_name);
  CHECK(r.add_header("a\r\nb", "v").error().offset == 1);
  CHECK(r.headers().empty());

  REQUIRE(r.add_header("X-A", "1").has_value());
  REQUIRE(r.add_header("Content-Type", "text/plain").has_value());
  REQUIRE(r.add_header("x-a", "2").has_value());
  CHECK(r.header("X-A") == std::optional<std::string_view>("1"));
  REQUIRE(r.set_header("x-A", "3").has_value());
  REQUIRE(r.headers().size() == 2);
  CHECK(r.headers()[0].name == "x-A");
  CHECK(r.headers()[0].value == "3");
  CHECK(r.headers()[1].name == "Content-Type");
  REQUIRE(r.set_header("Empty", "").has_value());
  CHECK(r.header("empty") == std::optional<std::string_view>(""));
  CHECK_FALSE(r.header("missing").has_value());
  const auto fields = r.header_fields();
  REQUIRE(fields.size() == 3);
  CHECK(fields[1] == http::header_field{"Content-Type", "text/plain"});
  CHECK(r.remove_header("CONTENT-type") == 1);
  CHECK(r.headers().size() == 2);
}

TEST_CASE("request to_string: HTTP/1.1 text", "[http][request]") {
  auto r = make(http::method::post, "b.oss-cn-hangzhou.aliyuncs.com", "/a.jpg");
  REQUIRE(r.add_query("x-oss-process").has_value());
  REQUIRE(r.set_header("Content-Type", "application/x-www-form-urlencoded").has_value());
  r.set_body("x-oss-process=image%2Fresize");
  CHECK(r.to_string() ==
        "POST /a.jpg?x-oss-process HTTP/1.1\r\n"
        "Host: b.oss-cn-hangzhou.aliyuncs.com\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 28\r\n"
        "\r\n"
        "x-oss-process=image%2Fresize");
  const auto g = make(http::method::get, "h", "/");
  CHECK(g.to_string() == "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST_CASE("request body_source: streaming length reported", "[http][request]") {
  struct state {
    std::uint64_t left = 5;
  } st;
  auto reader = [](void* ctx, std::span<std::byte> out) noexcept -> std::size_t {
    auto* s = static_cast<state*>(ctx);
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(s->left, out.size()));
    std::fill_n(out.begin(), n, std::byte{'x'});
    s->left -= n;
    return n;
  };
  auto r = make(http::method::put, "h.example.com", "/big.bin");
  REQUIRE(r.set_body(http::body_source{1234567890123, &st, reader}).has_value());
  CHECK(r.has_streaming_body());
  CHECK(r.body_size() == 1234567890123u);
  const std::string text = r.to_string();
  CHECK(text.find("Content-Length: 1234567890123\r\n") != std::string::npos);
  CHECK(text.ends_with("\r\n\r\n<streaming body, 1234567890123 bytes>"));
  const std::string curl = r.to_curl();
  CHECK(curl.find("--data-binary @-") != std::string::npos);
  CHECK(curl.find("1234567890123 bytes") != std::string::npos);

  // The stream is the caller's: the descriptor only carries it.
  const auto& src = std::get<http::body_source>(r.body());
  std::byte buf[4];
  const std::span<std::byte> out(buf);
  CHECK(src.read(src.context, out) == 4);
  CHECK(src.read(src.context, out) == 1);
  CHECK(src.read(src.context, out) == 0);

  CHECK(r.set_body(http::body_source{10, nullptr, nullptr}).error().code == errc::invalid_argument);
  CHECK(r.set_body(http::body_source{}).has_value());  // empty: no reader needed
  r.set_body(std::string("abc"));
  CHECK_FALSE(r.has_streaming_body());
  CHECK(r.body_size() == 3);
}

TEST_CASE("request redaction: secrets never in to_string or to_curl", "[http][request]") {
  constexpr std::string_view v4_sig =
      "9f3c1d2e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
  constexpr std::string_view v1_sig = "kZoYNv66bsmc10+dcGKw5x2PRrk=";
  constexpr std::string_view cos_sig = "f5f6c8b6a1d7e3b1c4a2e9d8b7c6a5f4e3d2c1b0";
  constexpr std::string_view token = "CAIS-secret-token-value";

  SECTION("OSS V4 header") {
    auto r = make(http::method::post, "b.oss-cn-hangzhou.aliyuncs.com", "/a.jpg");
    r.set_redaction(&objproc::oss::redaction);
    const std::string auth =
        "OSS4-HMAC-SHA256 Credential=LTAI5t/20250417/cn-hangzhou/oss/aliyun_v4_request,"
        "AdditionalHeaders=host,Signature=" +
        std::string(v4_sig);
    REQUIRE(r.set_header("Authorization", auth).has_value());
    REQUIRE(r.set_header("x-oss-security-token", token).has_value());
    CHECK(r.header("authorization") == std::optional<std::string_view>(auth));  // unredacted data
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      INFO(out);
      CHECK(absent(out, v4_sig));
      CHECK(absent(out, token));
      CHECK_FALSE(absent(out,
                         "OSS4-HMAC-SHA256 Credential=LTAI5t/20250417/cn-hangzhou/oss/"
                         "aliyun_v4_request,AdditionalHeaders=host,Signature=<redacted>"));
      CHECK_FALSE(absent(out, "x-oss-security-token: <redacted>"));
    }
  }
  SECTION("OSS V1 header") {
    auto r = make(http::method::get, "b.oss-cn-hangzhou.aliyuncs.com", "/a.jpg");
    r.set_redaction(&objproc::oss::redaction);
    REQUIRE(r.set_header("Authorization", "OSS LTAI5tAK:" + std::string(v1_sig)).has_value());
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      CHECK(absent(out, v1_sig));
      CHECK_FALSE(absent(out, "OSS LTAI5tAK:<redacted>"));
    }
  }
  SECTION("COS header") {
    auto r = make(http::method::post, "b-1250000000.cos.ap-guangzhou.myqcloud.com", "/a.jpg");
    r.set_redaction(&objproc::cos::redaction);
    const std::string auth =
        "q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1557989151;1557996351"
        "&q-key-time=1557989151;1557996351&q-header-list=host&q-url-param-list=image_process"
        "&q-signature=" +
        std::string(cos_sig);
    REQUIRE(r.set_header("Authorization", auth).has_value());
    REQUIRE(r.set_header("x-cos-security-token", token).has_value());
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      CHECK(absent(out, cos_sig));
      CHECK(absent(out, token));
      CHECK_FALSE(absent(out, "q-ak=AKIDEXAMPLE"));
      CHECK_FALSE(absent(out, "q-signature=<redacted>"));
    }
  }
  SECTION("unknown scheme keeps only the scheme") {
    for (const objproc::http::redaction_rules* rules :
         {&objproc::oss::redaction, &objproc::cos::redaction,
          static_cast<const objproc::http::redaction_rules*>(nullptr)}) {
      auto r = make(http::method::get, "h", "/");
      r.set_redaction(rules);
      REQUIRE(r.set_header("Authorization", "Bearer topsecret").has_value());
      for (const std::string& out : {r.to_string(), r.to_curl()}) {
        CHECK(absent(out, "topsecret"));
        CHECK_FALSE(absent(out, "Bearer <redacted>"));
      }
    }
  }
  SECTION("OSS query parameters") {
    auto r = make(http::method::get, "b.oss-cn-hangzhou.aliyuncs.com", "/a.jpg");
    r.set_redaction(&objproc::oss::redaction);
    REQUIRE(r.add_query("x-oss-process", "image/resize,w_100").has_value());
    REQUIRE(r.add_query("x-oss-credential", "AK/20250417/cn-hangzhou/oss/aliyun_v4_request")
                .has_value());
    REQUIRE(r.add_query("x-oss-signature", v4_sig).has_value());
    REQUIRE(r.add_query("Signature", v1_sig).has_value());
    REQUIRE(r.add_query("x-oss-security-token", token).has_value());
    REQUIRE(r.add_query("security-token", "st-secret-1").has_value());
    const std::string url = r.url();  // what is sent: not redacted
    CHECK_FALSE(absent(url, v4_sig));
    CHECK_FALSE(absent(url, "kZoYNv66bsmc10%2BdcGKw5x2PRrk%3D"));
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      INFO(out);
      for (const std::string_view secret :
           {v4_sig, v1_sig, std::string_view("kZoYNv66bsmc10%2BdcGKw5x2PRrk%3D"), token,
            std::string_view("st-secret-1")})
        CHECK(absent(out, secret));
      CHECK_FALSE(absent(out, "x-oss-signature=<redacted>"));
      CHECK_FALSE(absent(out, "x-oss-process=image%2Fresize%2Cw_100"));
      CHECK_FALSE(absent(out, "x-oss-credential=AK%2F20250417"));
    }
  }
  SECTION("COS query parameters") {
    auto r = make(http::method::get, "b-1250000000.cos.ap-guangzhou.myqcloud.com", "/a.jpg");
    r.set_redaction(&objproc::cos::redaction);
    REQUIRE(r.add_query("q-sign-algorithm", "sha1").has_value());
    REQUIRE(r.add_query("q-ak", "AKIDEXAMPLE").has_value());
    REQUIRE(r.add_query("q-signature", cos_sig).has_value());
    REQUIRE(r.add_query("x-cos-security-token", "cos-secret-2").has_value());
    REQUIRE(r.add_query("sign", "ci-secret-3").has_value());
    CHECK_FALSE(absent(r.url(), cos_sig));
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      INFO(out);
      for (const std::string_view secret :
           {cos_sig, std::string_view("cos-secret-2"), std::string_view("ci-secret-3")})
        CHECK(absent(out, secret));
      CHECK_FALSE(absent(out, "q-signature=<redacted>"));
      CHECK_FALSE(absent(out, "q-ak=AKIDEXAMPLE"));
      CHECK_FALSE(absent(out, "q-sign-algorithm=sha1"));
    }
  }
  SECTION("a vendor's declaration hides only what it names") {
    // An OSS declaration does not know COS names (and the other way round): each vendor's
    // requests carry their own, so a leak here would be a wrong declaration, tested there.
    auto r = make(http::method::get, "h", "/");
    r.set_redaction(&objproc::oss::redaction);
    REQUIRE(r.add_query("x-oss-signature-version", "OSS4-HMAC-SHA256").has_value());
    CHECK_FALSE(absent(r.to_string(), "x-oss-signature-version=OSS4-HMAC-SHA256"));
    r.set_redaction(nullptr);  // the conservative rule: "signature" in the name
    CHECK(absent(r.to_string(), "OSS4-HMAC-SHA256"));
  }
}

TEST_CASE("request redaction without a declaration: nothing secret-looking shows",
          "[http][request]") {
  constexpr std::string_view v4_sig =
      "9f3c1d2e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
  SECTION("Authorization keeps only its scheme") {
    auto r = make(http::method::post, "b.oss-cn-hangzhou.aliyuncs.com", "/a.jpg");
    REQUIRE(r.redaction() == nullptr);
    REQUIRE(r.set_header("Authorization",
                         "OSS4-HMAC-SHA256 Credential=LTAI5t/20250417/cn-hangzhou/oss/"
                         "aliyun_v4_request,AdditionalHeaders=host,Signature=" +
                             std::string(v4_sig))
                .has_value());
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      INFO(out);
      CHECK(absent(out, v4_sig));
      CHECK(absent(out, "LTAI5t"));
      CHECK_FALSE(absent(out, "Authorization: OSS4-HMAC-SHA256 <redacted>"));
    }
    REQUIRE(r.set_header("Authorization", "q-sign-algorithm=sha1&q-signature=abc").has_value());
    CHECK_FALSE(absent(r.to_string(), "Authorization: <redacted>\r\n"));  // one word: all of it
  }
  SECTION("headers and query keys whose names suggest a secret") {
    auto r = make(http::method::get, "h", "/");
    const std::array<std::string_view, 8> secret_names = {
        "X-Amz-Security-Token", "x-vendor-signature",  "Client-Secret", "X-Credential",
        "db-password",          "Proxy-Authorization", "sig",           "SIGN"};
    for (const std::string_view name : secret_names) {
      REQUIRE(r.add_header(name, "hidden-" + std::string(name)).has_value());
      REQUIRE(r.add_query(name, "hidden-" + std::string(name)).has_value());
    }
    REQUIRE(r.add_header("x-vendor-date", "20250417T000000Z").has_value());
    REQUIRE(r.add_query("signed-headers-list", "host").has_value());  // not "signature"
    REQUIRE(r.add_query("process", "image/resize,w_100").has_value());
    for (const std::string& out : {r.to_string(), r.to_curl()}) {
      INFO(out);
      CHECK(absent(out, "hidden-"));
      CHECK_FALSE(absent(out, "x-vendor-date: 20250417T000000Z"));
      CHECK_FALSE(absent(out, "signed-headers-list=host"));
      CHECK_FALSE(absent(out, "process=image%2Fresize%2Cw_100"));
    }
    CHECK_FALSE(absent(r.url(), "hidden-sig"));  // what is sent is never redacted
  }
}

TEST_CASE("request redaction: the declaration travels with copies, not with equality",
          "[http][request]") {
  auto r = make(http::method::get, "h", "/");
  REQUIRE(r.set_header("x-oss-security-token", "tok").has_value());
  const http::request plain = r;
  r.set_redaction(&objproc::oss::redaction);
  CHECK(r == plain);  // the same request: only its display differs
  const http::request copy = r;
  CHECK(copy.redaction() == &objproc::oss::redaction);
  const objproc::http::header_field added[] = {{"Authorization", "OSS AK:sig"}};
  const auto signed_copy = r.with_headers(added);
  REQUIRE(signed_copy.has_value());
  CHECK(signed_copy->redaction() == &objproc::oss::redaction);
  CHECK(absent(signed_copy->to_string(), ":sig"));
  CHECK_FALSE(absent(signed_copy->to_string(), "OSS AK:<redacted>"));
  CHECK(r.reserved_copy(0, 0).redaction() == &objproc::oss::redaction);
}

TEST_CASE("request to_curl: shell-safe quoting", "[http][request]") {
  auto r = make(http::method::put, "b.oss-cn-hangzhou.aliyuncs.com", "/it's%20a%20key");
  REQUIRE(r.set_header("Content-Type", "text/plain").has_value());
  REQUIRE(r.set_header("x-oss-meta-note", "it's $HOME `x`").has_value());
  REQUIRE(r.set_header("x-oss-empty", "").has_value());
  r.set_body("body with 'quotes' and $(cmd)");
  CHECK(r.to_curl() ==
        "curl -X PUT 'https://b.oss-cn-hangzhou.aliyuncs.com/it'\\''s%20a%20key'"
        " -H 'Content-Type: text/plain'"
        " -H 'x-oss-meta-note: it'\\''s $HOME `x`'"
        " -H 'x-oss-empty;'"
        " -H 'Accept:' -H 'User-Agent:' -H 'Expect:'"
        " --data-binary 'body with '\\''quotes'\\'' and $(cmd)'");

  const auto h = make(http::method::head, "127.0.0.1:9000", "/b/k");
  CHECK(h.to_curl() == "curl --head 'https://127.0.0.1:9000/b/k' -H 'Accept:' -H 'User-Agent:'");
  const auto v6 = make(http::method::get, "[::1]:9000", "/b/k");
  CHECK(v6.to_curl() ==
        "curl -X GET --globoff 'https://[::1]:9000/b/k' -H 'Accept:' -H 'User-Agent:'");
}

TEST_CASE("request equality", "[http][request]") {
  auto a = make(http::method::get, "h", "/");
  auto b = a;
  CHECK(a == b);
  REQUIRE(b.add_header("X", "1").has_value());
  CHECK_FALSE(a == b);
}

// with_headers sets distinct names in one pass over the headers: it must give exactly what
// set_header on each field in turn gives (order, namesakes removed, case kept as passed).
TEST_CASE("request with_headers: the same as set_header in turn", "[http][request]") {
  using objproc::http::header_field;
  auto r = objproc::http::request::make(objproc::http::method::post,
                                        {"https", "bucket.example.com", "/a.jpg"})
               .value();
  REQUIRE(r.add_query("x-oss-process", std::nullopt).has_value());
  for (const auto& [name, value] :
       {std::pair<std::string_view, std::string_view>{"Content-Type", "image/jpeg"},
        {"X-Oss-Date", "old"},
        {"x-keep", "1"},
        {"x-oss-date", "older"},
        {"AUTHORIZATION", "stale"},
        {"x-keep", "2"},
        {"x-oss-DATE", "oldest"}})
    REQUIRE(r.add_header(name, value).has_value());
  const std::vector<std::vector<header_field>> cases = {
      {},
      {{"x-oss-date", "20261121T080000Z"}},
      {{"x-oss-date", "d"}, {"x-oss-content-sha256", "UNSIGNED-PAYLOAD"}, {"Authorization", "a"}},
      {{"x-new", "n"}, {"x-keep", "k"}, {"Content-Type", "text/plain"}, {"x-other", ""}},
      // Repeated names among the fields: the last one wins, as with set_header.
      {{"x-oss-date", "first"}, {"X-OSS-DATE", "second"}, {"x-new", "n"}},
  };
  for (const auto& fields : cases) {
    INFO(fields.size() << " fields");
    auto manual = r;
    for (const header_field& f : fields) REQUIRE(manual.set_header(f.name, f.value).has_value());
    const auto with = r.with_headers(fields);
    REQUIRE(with.has_value());
    CHECK(*with == manual);
    REQUIRE(with->headers().size() == manual.headers().size());
    for (std::size_t i = 0; i < manual.headers().size(); ++i)
      CHECK(with->headers()[i].name == manual.headers()[i].name);
    CHECK(with->url() == manual.url());
  }
  // The signers' form (names distinct), on a copy and in place on an rvalue: the same request.
  // Same-length replacements ("old" -> "new", "stale" -> "fresh") are written over their bytes.
  auto signer_cases = std::vector(cases.begin(), cases.end() - 1);
  signer_cases.push_back({{"x-oss-date", "new"}, {"authorization", "fresh"}});
  for (const auto& fields : signer_cases) {
    INFO(fields.size() << " signature fields");
    auto manual = r;
    for (const header_field& f : fields) REQUIRE(manual.set_header(f.name, f.value).has_value());
    const objproc::http::detail::signature_headers added{fields};
    CHECK(r.with_headers(added) == manual);
    auto in_place = r;
    for (int i = 0; i < 3; ++i) {  // again and again: the same
      in_place = std::move(in_place).with_headers(added);
      CHECK(in_place == manual);
      REQUIRE(in_place.headers().size() == manual.headers().size());
      for (std::size_t k = 0; k < manual.headers().size(); ++k)
        CHECK(in_place.headers()[k].name == manual.headers()[k].name);
    }
  }
  // Checked before anything is set, whichever field is bad.
  const header_field bad_value[] = {{"x-a", "ok"}, {"x-b", "line\r\nbreak"}};
  CHECK(r.with_headers(bad_value).error().code == errc::invalid_header_value);
}

TEST_CASE("request: a moved-from request is a new request again", "[http][request][arena]") {
  static_assert(std::is_nothrow_move_constructible_v<objproc::http::request> &&
                std::is_nothrow_move_assignable_v<objproc::http::request>);
  const auto make = [] {
    auto r =
        objproc::http::request::make(objproc::http::method::put,
                                     {"https", "bucket.example.com", "/" + std::string(400, 'k')})
            .value();
    REQUIRE(r.add_query("x-oss-process", "image/resize,w_100").has_value());
    REQUIRE(r.set_header("Content-Type", "image/jpeg").has_value());
    r.set_resource({"svc", "bucket", std::string(400, 'k'), "region"});
    r.set_body(std::string(100, 'b'));
    return r;
  };
  const objproc::http::request original = make();
  // NOLINTBEGIN(bugprone-use-after-move): what is left is specified
  const auto check_left = [](objproc::http::request& from) {
    CHECK(from.scheme().empty());
    CHECK(from.host().empty());
    CHECK(from.path().empty());
    CHECK(from.query().size() == 0);
    CHECK(from.headers().size() == 0);
    CHECK(from.to_string().starts_with("GET  HTTP/1.1\r\n"));
    CHECK(from.resource() == objproc::http::resource());
    CHECK(from.resource_checked() == nullptr);
    CHECK(from.body_size() == 0);
    // Usable again once given what it needs: the same as a new request given the same.
    REQUIRE(from.set_scheme("https").has_value());
    REQUIRE(from.set_host("example.com").has_value());
    REQUIRE(from.set_path("/").has_value());
    REQUIRE(from.set_header("X-Again", "1").has_value());
    objproc::http::request fresh;
    REQUIRE(fresh.set_host("example.com").has_value());
    REQUIRE(fresh.set_header("X-Again", "1").has_value());
    CHECK(from == fresh);
    CHECK(from.url() == "https://example.com/");
    CHECK(from.to_string() == fresh.to_string());
  };
  {
    auto from = make();
    const objproc::http::request to(std::move(from));
    CHECK(to == original);
    check_left(from);
  }
  {
    auto from = make();
    objproc::http::request to = make();
    REQUIRE(to.set_header("X-Old", "1").has_value());
    to = std::move(from);
    CHECK(to == original);
    check_left(from);
  }
  // NOLINTEND(bugprone-use-after-move)
}

TEST_CASE("request: one text arena, views that survive its growth", "[http][request][arena]") {
  auto r = objproc::http::request::make(objproc::http::method::put,
                                        {"https", "bucket.example.com", "/a%20b.jpg"})
               .value();
  // A value that is a view of the request itself (COS signs Host from the URL's host).
  REQUIRE(r.set_header("Host", r.host()).has_value());
  REQUIRE(r.add_query("x-oss-process", std::nullopt).has_value());
  REQUIRE(r.add_query("k", "v").has_value());
  CHECK(r.header("host") == "bucket.example.com");
  // Replacing one header many times: the text left behind is dropped along the way, and every
  // other field still reads the same.
  std::string last;
  for (int i = 0; i < 500; ++i) {
    last = std::string(static_cast<std::size_t>(40 + i % 7), static_cast<char>('a' + i % 26));
    REQUIRE(r.set_header("X-Long", last).has_value());
    REQUIRE(r.set_header("Host", r.header("Host").value()).has_value());
  }
  CHECK(r.header("x-long") == last);
  CHECK(r.header("host") == "bucket.example.com");
  CHECK(r.host() == "bucket.example.com");
  CHECK(r.path() == "/a%20b.jpg");
  CHECK(r.scheme() == "https");
  CHECK(r.url() == "https://bucket.example.com/a%20b.jpg?x-oss-process&k=v");
  REQUIRE(r.headers().size() == 2);
  CHECK(r.headers().front().name == "Host");
  CHECK(r.headers().back().name == "X-Long");
  const auto it =
      std::find_if(r.headers().begin(), r.headers().end(),
                   [](const objproc::http::header_field& h) { return h.name == "X-Long"; });
  REQUIRE(it != r.headers().end());
  CHECK(it->value == last);
  CHECK(r.query()[0].key == "x-oss-process");
  CHECK_FALSE(r.query()[0].value.has_value());
  CHECK(r.query()[1].value == "v");

  // Copies compare equal, with or without reserved room; with_headers sets like set_header.
  const auto copy = r.reserved_copy(100, 4);
  CHECK(copy == r);
  auto manual = r;
  CHECK(manual == r);
  REQUIRE(manual.set_header("authorization", "secret").has_value());
  REQUIRE(manual.set_header("x-long", "short").has_value());
  const objproc::http::header_field added[] = {{"authorization", "secret"}, {"x-long", "short"}};
  const auto with = r.with_headers(added);
  REQUIRE(with.has_value());
  CHECK(*with == manual);
  CHECK_FALSE(*with == r);
  CHECK(with->header("X-LONG") == "short");
  CHECK(r.header("X-LONG") == last);  // the original is untouched
  CHECK(r.with_headers(std::array{objproc::http::header_field{"bad name", "v"}}).error().code ==
        errc::invalid_header_name);

  // Fixed-array views: the fields, or value_out_of_range when they do not fit.
  std::array<objproc::http::header_field, 2> two{};
  const auto views = r.header_fields(two);
  REQUIRE(views.has_value());
  CHECK(views->size() == 2);
  CHECK((*views)[1].value == last);
  std::array<objproc::http::query_field, 1> one{};
  CHECK(r.query_fields(one).error().code == errc::value_out_of_range);
  CHECK(r.remove_query("k") == 1);
  REQUIRE(r.query_fields(one).has_value());
  CHECK(r.query_fields(one)->front().key == "x-oss-process");
  CHECK(r.remove_header("x-long") == 1);
  CHECK(r.headers().size() == 1);
  REQUIRE(r.add_header("X-Long", "again").has_value());
  CHECK(r.header("x-long") == "again");
}

TEST_CASE("request: the resource is kept by copies and compared", "[http][request]") {
  auto r = http::request::make(http::method::get, {"https", "b.example.com", "/a.jpg"});
  REQUIRE(r.has_value());
  CHECK(r->resource() == http::resource{});
  r->set_resource({"svc", "b", "a.jpg", "region-1"});
  CHECK(r->resource() == http::resource{"svc", "b", "a.jpg", "region-1"});
  // A view of the request's own text is a valid input (the arena grows first).
  r->set_resource({r->resource().service, r->resource().bucket, "other", r->host()});
  CHECK(r->resource() == http::resource{"svc", "b", "other", "b.example.com"});
  const http::request copy = *r;
  CHECK(copy == *r);
  const std::array<http::header_field, 1> added = {http::header_field{"X-A", "1"}};
  const auto with = r->with_headers(added);
  REQUIRE(with.has_value());
  CHECK(with->resource() == r->resource());
  auto other = *r;
  other.set_resource({"svc", "b", "a.jpg", "region-2"});
  CHECK(other != *r);
  // Replaced text is dropped by compaction; the resource survives it.
  for (int i = 0; i < 200; ++i)
    REQUIRE(other.set_header("X-Big", std::string(64, 'x')).has_value());
  CHECK(other.resource() == http::resource{"svc", "b", "a.jpg", "region-2"});
}

TEST_CASE("request: url() is write_url() with nothing added", "[http][request]") {
  auto r = http::request::make(http::method::get, {"http", "127.0.0.1:9000", "/b/%E7%8C%AB"});
  REQUIRE(r.has_value());
  REQUIRE(r->add_query("x y", "a&b=c").has_value());
  REQUIRE(r->add_query("bare").has_value());
  const std::string url = r->url();
  CHECK(url == "http://127.0.0.1:9000/b/%E7%8C%AB?x%20y=a%26b%3Dc&bare");
  std::array<char, 128> buffer{};
  http::detail::span_writer out(buffer);
  const std::array<http::query_field, 1> extra = {http::query_field{"sig", "+/="}};
  r->write_url(out, extra);
  REQUIRE_FALSE(out.overflowed());
  CHECK(out.text() == url + "&sig=%2B%2F%3D");
}

TEST_CASE("request copies: the arena copied whole or compacted reads the same",
          "[http][request][arena]") {
  // Replaced text below the compaction threshold (copied along with the arena) and above it
  // (only the live text copied); the copies then take more changes like the original.
  for (const std::size_t replaced : {std::size_t{3}, std::size_t{40}, std::size_t{2000}}) {
    INFO(replaced << " bytes replaced");
    auto r = objproc::http::request::make(objproc::http::method::post,
                                          {"https", "bucket.example.com", "/k.jpg"})
                 .value();
    REQUIRE(r.add_query("x-oss-process", std::nullopt).has_value());
    REQUIRE(r.set_header("Content-Type", "image/jpeg").has_value());
    REQUIRE(r.set_header("X-Big", std::string(replaced, 'o')).has_value());
    REQUIRE(r.set_header("X-Big", "small").has_value());  // leaves `replaced` bytes behind
    const auto copy = r.reserved_copy(64, 4);
    CHECK(copy == r);
    const objproc::http::header_field added[] = {{"x-oss-date", "d"}, {"Authorization", "a"}};
    auto manual = r;
    for (const auto& f : added) REQUIRE(manual.set_header(f.name, f.value).has_value());
    auto with = r.with_headers(added);
    REQUIRE(with.has_value());
    CHECK(*with == manual);
    for (int i = 0; i < 100; ++i)
      REQUIRE(with->set_header("X-Big", std::string(static_cast<std::size_t>(50 + i), 'n'))
                  .has_value());
    CHECK(with->header("x-big") == std::string(149, 'n'));
    CHECK(with->header("content-type") == "image/jpeg");
    CHECK(with->url() == "https://bucket.example.com/k.jpg?x-oss-process");
  }
}
