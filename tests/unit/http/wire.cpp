// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/wire.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/operations.hpp"

namespace {

namespace http = objproc::http;
namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::seconds;
using std::chrono::sys_seconds;

const sys_seconds seed_time{seconds{1795248000}};

http::request oss_seed() {
  const auto prepared =
      oss::process_object{.bucket = "examplebucket",
                          .key = "exampledir/example.jpg",
                          .process = oss::parse_style("image/resize,m_fixed,w_100,h_100").value()}
          .prepare(oss::endpoint::for_region("cn-hangzhou").value());
  REQUIRE(prepared.has_value());
  auto r = oss::sign(*prepared,
                     oss::credentials{.access_key_id = "LTAI5tExampleAK",
                                      .access_key_secret = "ExampleSecretKey123",
                                      .security_token = ""},
                     seed_time, objproc::crypto::portable{});
  REQUIRE(r.has_value());
  return *r;
}

const ci::credentials cos_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
ci::pic_operations cos_operations() {
  return {.is_pic_info = true,
          .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
}

http::request cos_put() {
  const auto prepared = ci::ci_put_object{.bucket = "examplebucket-1250000000",
                                          .key = "local.jpg",
                                          .operations = cos_operations(),
                                          .body = "fakejpegbytes",
                                          .content_type = "image/jpeg"}
                            .prepare(ci::endpoint::for_region("ap-guangzhou").value());
  REQUIRE(prepared.has_value());
  auto r = ci::sign(*prepared, cos_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(r.has_value());
  return *r;
}

http::request cos_image_process() {
  const auto prepared =
      ci::ci_image_process{
          .bucket = "examplebucket-1250000000", .key = "local.jpg", .operations = cos_operations()}
          .prepare(ci::endpoint::for_region("ap-guangzhou").value());
  REQUIRE(prepared.has_value());
  auto r = ci::sign(*prepared, cos_keys, seed_time, objproc::crypto::portable{});
  REQUIRE(r.has_value());
  return *r;
}

/// How many header lines of the head in `wire` are named `name` (case-insensitive).
std::size_t count_headers(std::string_view wire, std::string_view name) {
  const std::size_t end = wire.find("\r\n\r\n");
  std::string_view head = wire.substr(0, end + 2);
  head.remove_prefix(head.find("\r\n") + 2);  // the request line
  std::size_t n = 0;
  while (!head.empty()) {
    const std::size_t eol = head.find("\r\n");
    const std::string_view line = head.substr(0, eol);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && http::detail::iequals(line.substr(0, colon), name)) ++n;
    head.remove_prefix(eol + 2);
  }
  return n;
}

http::request plain(http::method m, std::string path = "/a.jpg") {
  return http::request::make(m, {"http", "127.0.0.1:8080", std::move(path)}).value();
}

}  // namespace

TEST_CASE("write_wire: the signed OSS seed adds Host and Content-Length", "[http][wire]") {
  const http::request r = oss_seed();
  REQUIRE_FALSE(r.header("Host").has_value());
  REQUIRE_FALSE(r.header("Content-Length").has_value());
  const auto wire = http::to_wire(r);
  REQUIRE(wire.has_value());
  const std::string& body = std::get<std::string>(r.body());
  std::string expected =
      "POST /exampledir/example.jpg?x-oss-process HTTP/1.1\r\n"
      "Host: examplebucket.oss-cn-hangzhou.aliyuncs.com\r\n";
  for (const auto h : r.headers()) {
    expected += h.name;
    expected += ": ";
    expected += h.value;
    expected += "\r\n";
  }
  expected += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  CHECK(*wire == expected);
  CHECK(count_headers(*wire, "host") == 1);
  CHECK(count_headers(*wire, "content-length") == 1);
  // Unredacted, unlike to_string(): the signature goes out.
  CHECK(wire->find("Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff") !=
        std::string::npos);
  CHECK(r.to_string().find("3fd1b4bd08dcb56e") == std::string::npos);
  // to_string() is the same text with the secrets redacted.
  std::string shown = *wire;
  const std::size_t at = shown.find("Signature=") + std::strlen("Signature=");
  shown.replace(at, 64, "<redacted>");
  CHECK(r.to_string() == shown);
}

TEST_CASE("write_wire: signed COS descriptors list Host and Content-Length once", "[http][wire]") {
  for (const http::request& r : {cos_put(), cos_image_process()}) {
    REQUIRE(r.header("Host").has_value());
    REQUIRE(r.header("Content-Length").has_value());
    const auto wire = http::to_wire(r);
    REQUIRE(wire.has_value());
    CHECK(count_headers(*wire, "host") == 1);
    CHECK(count_headers(*wire, "content-length") == 1);
    CHECK(count_headers(*wire, "connection") == 0);
    std::string expected(http::to_string(r.method()));
    expected += ' ' + r.target() + " HTTP/1.1\r\n";
    for (const auto h : r.headers()) {
      expected += h.name;
      expected += ": ";
      expected += h.value;
      expected += "\r\n";
    }
    expected += "\r\n" + std::get<std::string>(r.body());
    CHECK(*wire == expected);
  }
  const auto put = http::to_wire(cos_put());
  REQUIRE(put.has_value());
  CHECK(put->starts_with("PUT /local.jpg HTTP/1.1\r\n"));
  CHECK(put->ends_with("\r\n\r\nfakejpegbytes"));
  CHECK(put->find("Content-Length: 13\r\n") != std::string::npos);
  CHECK(put->find("q-signature=ff489811345a8ec4c9c44b27dacfc2c9fbf7f2d9") != std::string::npos);
}

TEST_CASE("write_wire: exact bytes of small requests", "[http][wire]") {
  http::request get = plain(http::method::get, "/dir/%E7%8C%AB%201.png");
  REQUIRE(get.add_query("x-oss-process", std::string_view("image/resize,w_100")));
  REQUIRE(get.add_query("bare"));
  REQUIRE(get.set_header("X-A", "1"));
  REQUIRE(get.add_header("x-a", ""));
  CHECK(http::to_wire(get) ==
        objproc::result<std::string>(
            "GET /dir/%E7%8C%AB%201.png?x-oss-process=image%2Fresize%2Cw_100&bare HTTP/1.1\r\n"
            "Host: 127.0.0.1:8080\r\nX-A: 1\r\nx-a: \r\n\r\n"));
  CHECK(get.target() == "/dir/%E7%8C%AB%201.png?x-oss-process=image%2Fresize%2Cw_100&bare");

  // POST and PUT always say how long their body is, even when it is empty; GET, HEAD and
  // DELETE only when they have one.
  CHECK(http::to_wire(plain(http::method::post)) ==
        objproc::result<std::string>(
            "POST /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 0\r\n\r\n"));
  CHECK(http::to_wire(plain(http::method::put))->find("Content-Length: 0\r\n") !=
        std::string::npos);
  CHECK(http::to_wire(plain(http::method::head)) ==
        objproc::result<std::string>("HEAD /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"));
  CHECK(http::to_wire(plain(http::method::delete_)) ==
        objproc::result<std::string>("DELETE /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"));
  http::request get_body = plain(http::method::get);
  get_body.set_body("xy");
  CHECK(http::to_wire(get_body) ==
        objproc::result<std::string>(
            "GET /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 2\r\n\r\nxy"));

  // Connection: close only when asked, and never twice.
  CHECK(http::to_wire(plain(http::method::get), {.connection_close = true}) ==
        objproc::result<std::string>(
            "GET /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n\r\n"));
  http::request keep = plain(http::method::get);
  REQUIRE(keep.set_header("Connection", "keep-alive"));
  CHECK(count_headers(*http::to_wire(keep, {.connection_close = true}), "connection") == 1);

  // A Host header of the descriptor wins, in its place.
  http::request host = plain(http::method::get);
  REQUIRE(host.set_header("x-first", "1"));
  REQUIRE(host.set_header("host", "example.com"));
  CHECK(http::to_wire(host) ==
        objproc::result<std::string>(
            "GET /a.jpg HTTP/1.1\r\nx-first: 1\r\nhost: example.com\r\n\r\n"));
}

TEST_CASE("write_wire: chunked descriptors", "[http][wire]") {
  http::request r = plain(http::method::put);
  REQUIRE(r.set_header("Transfer-Encoding", "chunked"));
  r.set_body(std::string(26, 'z'));
  CHECK(http::to_wire(r) ==
        objproc::result<std::string>("PUT /a.jpg HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n1A\r\n" +
                                     std::string(26, 'z') + "\r\n0\r\n\r\n"));
  r.set_body("");
  CHECK(http::to_wire(r)->ends_with("chunked\r\n\r\n0\r\n\r\n"));
}

TEST_CASE("write_wire: what cannot be sent is refused", "[http][wire]") {
  const auto refused = [](const http::request& r, errc code) {
    const auto wire = http::to_wire(r);
    REQUIRE_FALSE(wire.has_value());
    CHECK(wire.error().code == code);
    std::string out = "kept";
    CHECK_FALSE(http::write_wire(r, out).has_value());
    CHECK(out == "kept");  // unchanged on error
    std::array<char, 512> buffer{};
    CHECK(http::write_wire_to(r, buffer).error().code == code);
  };
  http::request wrong_length = plain(http::method::put);
  wrong_length.set_body("abc");
  REQUIRE(wrong_length.set_header("Content-Length", "4"));
  refused(wrong_length, errc::invalid_argument);
  REQUIRE(wrong_length.set_header("Content-Length", "3x"));
  refused(wrong_length, errc::invalid_argument);
  REQUIRE(wrong_length.set_header("Content-Length", "99999999999999999999999"));
  refused(wrong_length, errc::invalid_argument);

  http::request both = plain(http::method::put);
  both.set_body("abc");
  REQUIRE(both.set_header("Content-Length", "3"));
  REQUIRE(both.set_header("Transfer-Encoding", "chunked"));
  refused(both, errc::invalid_argument);

  http::request gzip = plain(http::method::put);
  REQUIRE(gzip.set_header("Transfer-Encoding", "gzip, chunked"));
  refused(gzip, errc::invalid_argument);

  http::request head = plain(http::method::head);
  head.set_body("x");
  refused(head, errc::invalid_argument);

  http::request chunked_stream = plain(http::method::put);
  REQUIRE(chunked_stream.set_header("Transfer-Encoding", "chunked"));
  REQUIRE(chunked_stream.set_body(http::body_source{
      .size = 1, .context = nullptr, .read = [](void*, std::span<std::byte>) noexcept {
        return std::size_t{0};
      }}));
  refused(chunked_stream, errc::invalid_argument);

  // A matching Content-Length is kept, and not added again.
  http::request right = plain(http::method::put);
  right.set_body("abc");
  REQUIRE(right.set_header("content-length", " 3"));
  CHECK(count_headers(*http::to_wire(right), "content-length") == 1);
}

TEST_CASE("write_wire_to: the same bytes in a caller's buffer", "[http][wire]") {
  for (const http::request& r : {oss_seed(), cos_put(), cos_image_process()}) {
    const std::string expected = http::to_wire(r).value();
    CHECK(http::wire_size(r) == objproc::result<std::size_t>(expected.size()));
    std::array<char, 4096> buffer{};
    const auto n = http::write_wire_to(r, buffer);
    REQUIRE(n.has_value());
    CHECK(std::string_view(buffer.data(), *n) == expected);
    // One byte short: buffer_too_small, at every size down to nothing.
    for (std::size_t size : {expected.size() - 1, expected.size() / 2, std::size_t{0}}) {
      const auto small = http::write_wire_to(r, std::span(buffer).first(size));
      REQUIRE_FALSE(small.has_value());
      CHECK(small.error().code == errc::buffer_too_small);
    }
    // write_wire appends.
    std::string out = "previous";
    REQUIRE(http::write_wire(r, out));
    CHECK(out == "previous" + expected);
    // The head alone ends at the blank line.
    std::string head;
    REQUIRE(http::write_wire_head(r, head));
    CHECK(head == expected.substr(0, expected.find("\r\n\r\n") + 4));
    const auto m = http::write_wire_head_to(r, buffer);
    REQUIRE(m.has_value());
    CHECK(std::string_view(buffer.data(), *m) == head);
  }
}

namespace {
struct counting_source {
  std::size_t served = 0;
  std::size_t stop_at = static_cast<std::size_t>(-1);
  static std::size_t read(void* context, std::span<std::byte> out) noexcept {
    auto& self = *static_cast<counting_source*>(context);
    std::size_t n = 0;
    for (; n < out.size() && self.served < self.stop_at; ++n, ++self.served)
      out[n] = static_cast<std::byte>('a' + self.served % 26);
    return n;
  }
};
}  // namespace

TEST_CASE("write_wire: a body_source gets its head, then is streamed", "[http][wire]") {
  counting_source source;
  http::request r = plain(http::method::put, "/big.bin");
  REQUIRE(r.set_body(
      http::body_source{.size = 100, .context = &source, .read = &counting_source::read}));
  const auto wire = http::to_wire(r);
  REQUIRE(wire.has_value());
  CHECK(*wire == "PUT /big.bin HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 100\r\n\r\n");
  CHECK(source.served == 0);  // never read by the writer
  std::string head;
  REQUIRE(http::write_wire_head(r, head));
  CHECK(head == *wire);

  http::body_stream body(std::get<http::body_source>(r.body()));
  CHECK(body.remaining() == 100);
  std::array<std::byte, 32> chunk{};
  std::string sent;
  while (!body.done()) {
    const auto n = body.read(chunk);
    REQUIRE(n.has_value());
    REQUIRE(*n > 0);
    for (std::size_t i = 0; i < *n; ++i) sent += static_cast<char>(chunk[i]);
  }
  CHECK(sent.size() == 100);
  CHECK(sent.substr(0, 27) == "abcdefghijklmnopqrstuvwxyza");
  CHECK(body.read(chunk) == objproc::result<std::size_t>(std::size_t{0}));

  // A source that runs dry before its size.
  counting_source short_source{.served = 0, .stop_at = 40};
  http::body_stream dry(
      http::body_source{.size = 100, .context = &short_source, .read = &counting_source::read});
  CHECK(dry.read(chunk) == objproc::result<std::size_t>(std::size_t{32}));
  CHECK(dry.read(chunk) == objproc::result<std::size_t>(std::size_t{8}));
  const auto failed = dry.read(chunk);
  REQUIRE_FALSE(failed.has_value());
  CHECK(failed.error().code == errc::transport_failed);
  CHECK(failed.error().offset == 40);

  // An empty stream still says Content-Length: 0.
  http::request empty = plain(http::method::post);
  REQUIRE(empty.set_body(http::body_source{}));
  CHECK(http::to_wire(empty)->find("Content-Length: 0\r\n") != std::string::npos);
}
