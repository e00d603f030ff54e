// SPDX-License-Identifier: MIT
// http::write_wire and http::response_parser against tests/interop/server.py, over a plain
// blocking socket (no libcurl in the path): signed OSS and COS descriptors arrive with exactly
// one Host and one Content-Length and verify; streamed bodies; the response read a few bytes
// per recv(); a truncated response is an error.
#include "objproc/http/wire.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interop/interop.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/cos/results.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/http/response_parser.hpp"
#include "objproc/http/transport.hpp"
#include "objproc/oss/operations.hpp"
#include "objproc/oss/results.hpp"
#include "objproc/oss/traits.hpp"

namespace http = objproc::http;
namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::seconds;

namespace {

const objproc::crypto::portable crypto;

#ifdef MSG_NOSIGNAL
constexpr int send_flags = MSG_NOSIGNAL;  // a closed peer is an error, not SIGPIPE
#else
constexpr int send_flags = 0;
#endif

/// One request per connection to the loopback server, blocking, with 10 s socket timeouts;
/// reads at most `read_size` bytes per recv() so the parser sees the response in pieces.
struct wire_transport {
  std::size_t read_size = 7;

  objproc::result<http::response> send(const http::request& r) const {
    const auto fail = [](errc code, std::string_view detail) {
      return objproc::error{code, objproc::error::no_offset, detail};
    };
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return fail(errc::connection_failed, "socket");
    struct closer {
      int fd;
      ~closer() { ::close(fd); }
    } close_on_exit{fd};
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(interop::port()));
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
      return fail(errc::connection_failed, "connect");

    const auto send_all = [&](std::span<const char> bytes) -> objproc::result<void> {
      while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), send_flags);
        if (n <= 0) return fail(errc::transport_failed, "send");
        bytes = bytes.subspan(static_cast<std::size_t>(n));
      }
      return {};
    };
    std::string head;
    if (auto ok = http::write_wire(r, head); !ok) return ok.error();
    if (auto ok = send_all(head); !ok) return ok.error();
    if (const auto* source = std::get_if<http::body_source>(&r.body())) {
      http::body_stream body(*source);
      std::array<std::byte, 8192> piece{};
      while (!body.done()) {
        const auto n = body.read(piece);
        if (!n) return n.error();
        if (auto ok = send_all({reinterpret_cast<const char*>(piece.data()), *n}); !ok)
          return ok.error();
      }
    }

    http::response_parser parser({.head_request = r.method() == http::method::head});
    std::vector<char> buffer(read_size);
    while (parser.state() != http::parse_state::complete &&
           parser.state() != http::parse_state::error) {
      const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n < 0) return fail(errc::transport_failed, "recv");
      if (n == 0) {
        parser.finish();
        break;
      }
      std::span<const char> piece(buffer.data(), static_cast<std::size_t>(n));
      while (!piece.empty()) {
        const auto step = parser.feed(piece);
        piece = piece.subspan(step.consumed);
        if (step.state == http::parse_state::complete || step.state == http::parse_state::error)
          break;
      }
    }
    if (parser.state() != http::parse_state::complete) return parser.failure();
    return parser.take();
  }
};
static_assert(objproc::transport<wire_transport>, "a socket of one's own is a transport");

std::size_t count(const interop::seen_request& s, std::string_view name) {
  return static_cast<std::size_t>(
      std::count_if(s.headers.begin(), s.headers.end(),
                    [&](const auto& h) { return http::detail::iequals(h.first, name); }));
}

std::vector<std::string> header_names(const interop::seen_request& s) {
  std::vector<std::string> out;
  for (const auto& h : s.headers) out.push_back(h.first);
  return out;
}

ci::pic_operations one_rule() {
  return {.is_pic_info = true,
          .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
}

http::request oss_process(std::string_view key, oss::signature_version v) {
  const auto prepared =
      oss::process_object{.bucket = interop::oss_bucket,
                          .key = key,
                          .process = oss::parse_style("image/resize,w_100").value()}
          .prepare(interop::oss_endpoint());
  REQUIRE(prepared.has_value());
  auto signed_request = oss::sign(*prepared, interop::oss_credentials(), interop::now(), crypto,
                                  oss::signer{.version = v});
  REQUIRE(signed_request.has_value());
  return std::move(*signed_request);
}

struct server_session {
  server_session() {
    REQUIRE(interop::port() != 0);
    REQUIRE(interop::reset_server());
  }
};

/// A body_source over a string, at most `chunk` bytes per read.
struct text_source {
  std::string text;
  std::size_t chunk = 4093;
  std::size_t at = 0;
  static std::size_t read(void* self_ptr, std::span<std::byte> out) noexcept {
    auto& self = *static_cast<text_source*>(self_ptr);
    const std::size_t n = std::min({out.size(), self.chunk, self.text.size() - self.at});
    std::memcpy(out.data(), self.text.data() + self.at, n);
    self.at += n;
    return n;
  }
  http::body_source source() { return {text.size(), this, &text_source::read}; }
};

}  // namespace

TEST_CASE("wire interop: OSS process_object, V4 and V1, over a raw socket", "[wire][interop]") {
  server_session session;
  const wire_transport transport;
  for (const auto version : {oss::signature_version::v4, oss::signature_version::v1}) {
    const http::request request = oss_process("exampledir/猫 1.jpg", version);
    CHECK_FALSE(request.header("Host").has_value());  // added by write_wire
    const auto response = transport.send(request);
    REQUIRE(response.has_value());
    CHECK(response->status == 200);
    const auto id = oss::request_id(*response);
    REQUIRE(id.has_value());
    const auto parsed = oss::parse_process_result(response->body, *id);
    REQUIRE(parsed.has_value());
    CHECK(parsed->status == "OK");

    const auto seen = interop::last_seen();
    INFO("headers seen: " << Catch::Detail::stringify(header_names(seen)));
    CHECK(seen.verified);
    CHECK(seen.key == "exampledir/猫 1.jpg");
    CHECK(seen.query == "x-oss-process");
    CHECK(count(seen, "host") == 1);
    CHECK(count(seen, "content-length") == 1);
    CHECK(header_names(seen).front() == "Host");
    CHECK(header_names(seen).back() == "Content-Length");
    CHECK(count(seen, "connection") == 0);
    CHECK(seen.body_size == static_cast<std::int64_t>(request.body_size()));
  }
}

TEST_CASE("wire interop: COS descriptors list Host and Content-Length themselves",
          "[wire][interop]") {
  server_session session;
  const wire_transport transport{.read_size = 1};
  const auto prepared = ci::ci_put_object{.bucket = interop::cos_bucket,
                                          .key = "local.jpg",
                                          .operations = one_rule(),
                                          .body = "fakejpegbytes"}
                            .prepare(interop::cos_endpoint());
  REQUIRE(prepared.has_value());
  const auto put = ci::sign(*prepared, interop::cos_credentials(), interop::now(), crypto,
                            ci::signer{.lifetime = seconds{600}});
  REQUIRE(put.has_value());
  const auto uploaded = transport.send(*put);
  REQUIRE(uploaded.has_value());
  REQUIRE(uploaded->status == 200);
  const auto result = ci::parse_upload_result(uploaded->body);
  REQUIRE(result.has_value());
  CHECK(result->original.key == "local.jpg");
  auto seen = interop::last_seen();
  CHECK(seen.verified);
  // The descriptor's headers, in its order, and nothing added.
  CHECK(header_names(seen) ==
        std::vector<std::string>{"Host", "Content-Length", "Pic-Operations", "Authorization"});

  const auto image_process =
      ci::ci_image_process{
          .bucket = interop::cos_bucket, .key = "local.jpg", .operations = one_rule()}
          .prepare(interop::cos_endpoint());
  REQUIRE(image_process.has_value());
  const auto post = ci::sign(*image_process, interop::cos_credentials(), interop::now(), crypto,
                             ci::signer{.lifetime = seconds{600}});
  REQUIRE(post.has_value());
  const auto processed = transport.send(*post);
  REQUIRE(processed.has_value());
  CHECK(processed->status == 200);
  seen = interop::last_seen();
  CHECK(seen.verified);
  CHECK(seen.query == "image_process");
  CHECK(count(seen, "host") == 1);
  CHECK(count(seen, "content-length") == 1);
}

TEST_CASE("wire interop: a streamed body goes after the head", "[wire][interop]") {
  server_session session;
  text_source text;
  text.text.assign(std::size_t{1} << 20, 'x');
  for (std::size_t i = 0; i < text.text.size(); i += 4099)
    text.text[i] = static_cast<char>('a' + i % 26);
  const auto prepared = ci::ci_put_object{.bucket = interop::cos_bucket,
                                          .key = "big/stream.bin",
                                          .operations = one_rule(),
                                          .body_source = text.source(),
                                          .content_type = "application/octet-stream"}
                            .prepare(interop::cos_endpoint());
  REQUIRE(prepared.has_value());
  const auto request = ci::sign(*prepared, interop::cos_credentials(), interop::now(), crypto,
                                ci::signer{.lifetime = seconds{600}});
  REQUIRE(request.has_value());
  const auto response = wire_transport{.read_size = 4096}.send(*request);
  REQUIRE(response.has_value());
  CHECK(response->status == 200);
  CHECK(text.at == text.text.size());
  const auto seen = interop::last_seen();
  CHECK(seen.verified);
  CHECK(seen.body_size == static_cast<std::int64_t>(text.text.size()));
  CHECK(count(seen, "content-length") == 1);
}

TEST_CASE("wire interop: error statuses are responses; a cut body is an error", "[wire][interop]") {
  server_session session;
  const wire_transport transport;
  REQUIRE(interop::inject({"status:503"}));
  const auto busy = transport.send(oss_process("busy.jpg", oss::signature_version::v4));
  REQUIRE(busy.has_value());
  CHECK(busy->status == 503);
  const auto e = oss::parse_error(busy->body, busy->status);
  REQUIRE(e.has_value());
  CHECK_FALSE(e->code.empty());

  REQUIRE(interop::inject({"truncate"}));
  const auto cut = transport.send(oss_process("cut.jpg", oss::signature_version::v4));
  REQUIRE_FALSE(cut.has_value());
  CHECK(cut.error().code == errc::response_truncated);

  const auto next = transport.send(oss_process("whole.jpg", oss::signature_version::v4));
  REQUIRE(next.has_value());
  CHECK(next->status == 200);
}
