// SPDX-License-Identifier: MIT
// The curl adapter without a network: the concepts it models, what it refuses before any I/O,
// and the multi_transport loop's timers and completion rules. The sends through libcurl for
// real are in tests/interop/curl_transport.cpp (they need the loopback server).
#include "objproc/adapters/curl.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <type_traits>
#include <vector>

namespace http = objproc::http;
using objproc::errc;
using std::chrono::milliseconds;

static_assert(objproc::transport<objproc::curl::transport>);
static_assert(objproc::async_transport<objproc::curl::multi_transport>);
static_assert(objproc::async_timer<objproc::curl::multi_transport>);
static_assert(std::is_move_constructible_v<objproc::curl::transport>);
static_assert(!std::is_copy_constructible_v<objproc::curl::multi_transport>);

namespace {

// Port 9 on a documentation address (RFC 5737): never reached, every case fails before sending.
http::request post_with_body(std::string body) {
  auto r = http::request::make(http::method::post, {"http", "192.0.2.1:9", "/b/k"}).value();
  r.set_body(std::move(body));
  return r;
}

}  // namespace

TEST_CASE("curl adapter: option defaults", "[curl]") {
  const objproc::curl::options o;
  CHECK(o.connect_timeout == milliseconds{10000});
  CHECK(o.timeout == milliseconds{120000});
  CHECK(o.verify_tls);
  CHECK(o.ca_file.empty());
  CHECK(o.max_response_bytes == std::size_t{64} << 20);
  const objproc::curl::transport t({.timeout = milliseconds{5}});
  CHECK(t.settings().timeout == milliseconds{5});
}

TEST_CASE("curl adapter: descriptors refused before any I/O", "[curl]") {
  objproc::curl::transport t;
  auto mismatch = post_with_body("abc");
  REQUIRE(mismatch.set_header("Content-Length", "4").has_value());
  auto r = t.send(mismatch);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::invalid_argument);

  auto both = post_with_body("abc");
  REQUIRE(both.set_header("Transfer-Encoding", "chunked").has_value());
  REQUIRE(both.set_header("Content-Length", "3").has_value());
  r = t.send(both);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::invalid_argument);

  auto head = post_with_body("abc");
  head.set_method(http::method::head);
  r = t.send(head);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::invalid_argument);

  auto no_reader = post_with_body("");
  // A body_source without a read function is refused by the descriptor itself.
  CHECK_FALSE(no_reader.set_body(http::body_source{.size = 3}).has_value());
}

TEST_CASE("curl adapter: multi_transport completes only from run()", "[curl][multi]") {
  objproc::curl::multi_transport loop;
  auto bad = post_with_body("abc");
  REQUIRE(bad.set_header("Content-Length", "9").has_value());
  int calls = 0;
  loop.async_send(bad, [&](objproc::result<http::response> r) {
    ++calls;
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_argument);
  });
  CHECK(calls == 0);
  CHECK(loop.pending() == 1);
  loop.run();
  CHECK(calls == 1);
  CHECK(loop.pending() == 0);
}

TEST_CASE("curl adapter: multi_transport timers run in due order, ties in schedule order",
          "[curl][multi]") {
  objproc::curl::multi_transport loop;
  std::vector<int> order;
  const auto start = std::chrono::steady_clock::now();
  loop.schedule_after(milliseconds{40}, [&] { order.push_back(3); });
  loop.schedule_after(milliseconds{10}, [&] { order.push_back(1); });
  loop.schedule_after(milliseconds{40}, [&] { order.push_back(4); });
  loop.schedule_after(milliseconds{10}, [&] {
    order.push_back(2);
    loop.schedule_after(milliseconds{100}, [&] { order.push_back(5); });
  });
  CHECK_FALSE(loop.run_for(milliseconds{60}));  // the last timer is still pending
  CHECK(order == std::vector<int>{1, 2, 3, 4});
  CHECK(loop.pending() == 1);
  loop.run();
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(std::chrono::steady_clock::now() - start >= milliseconds{110});
}

TEST_CASE("curl adapter: a connect timeout is a connection failure, nothing sent", "[curl]") {
  // A listening socket whose accept queue is full: Linux drops further SYNs, so connecting
  // hangs until the connect timeout.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 0) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const int filler = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(filler >= 0);
  REQUIRE(::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);

  const std::string host = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  auto request = http::request::make(http::method::post, {"http", host, "/b/k"}).value();
  request.set_body("payload");
  objproc::curl::transport t({.connect_timeout = milliseconds{300}, .timeout = milliseconds{5000}});
  const auto start = std::chrono::steady_clock::now();
  const auto r = t.send(request);
  const auto took = std::chrono::steady_clock::now() - start;
  ::close(filler);
  ::close(listener);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::connection_failed);
  CHECK(r.error().provider_code == CURLE_OPERATION_TIMEDOUT);
  CHECK_FALSE(objproc::may_have_been_sent(r.error().code));
  CHECK(took < milliseconds{3000});
}
