// SPDX-License-Identifier: MIT
// objproc::beast::transport (Boost.Asio) against the loopback server, plain HTTP and TLS (a
// self-signed certificate made at test time with the openssl command, trusted explicitly:
// verification stays on): signatures verified by the server, the fault suite through the client
// (503, 429 with Retry-After, reset, truncation, slow, clock skew, no duplicate asynchronous
// task), keep-alive, cancellation, destruction with requests in flight, and the three ways in:
// callbacks, co_await (objproc/coro.hpp, and Asio's use_awaitable) and use_future.
#include "objproc/adapters/beast.hpp"

#include <catch2/catch.hpp>

#include <utility>  // before Asio's awaitable.hpp, which uses std::exchange without it (1.74)

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <optional>
#include <span>
#include <stop_token>
#include <string>

#include "interop.hpp"
#include "objproc/client.hpp"
#include "objproc/coro.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"

namespace asio = boost::asio;
namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

namespace {

/// The HTTPS port and the certificate to trust, from the test's environment.
unsigned tls_port() {
  static const unsigned cached = [] {
    const char* file = std::getenv("OBJPROC_TEST_SERVER_TLS_PORT_FILE");
    unsigned p = 0;
    if (file != nullptr) {
      std::ifstream in(file);
      in >> p;
    }
    return p;
  }();
  return cached;
}
std::string tls_ca() {
  const char* file = std::getenv("OBJPROC_TEST_TLS_CA");
  return file != nullptr ? file : "";
}

std::string base_url(bool tls) {
  return tls ? "https://127.0.0.1:" + std::to_string(tls_port()) : "http://" + interop::host();
}
oss::endpoint oss_endpoint(bool tls) {
  return oss::endpoint::custom(base_url(tls)).value().with_region(interop::region).value();
}
ci::endpoint cos_endpoint(bool tls) { return ci::endpoint::custom(base_url(tls)).value(); }

objproc::beast::options short_timeouts(bool tls) {
  objproc::beast::options o;
  o.connect_timeout = milliseconds{2000};
  o.timeout = milliseconds{1500};
  if (tls) o.ca_file = tls_ca();
  return o;
}

objproc::client_options fast_retries() {
  objproc::client_options o;
  o.retry.base_delay = milliseconds{20};
  o.retry.max_delay = milliseconds{1500};
  o.jitter_seed = 7;
  return o;
}

objproc::static_credentials oss_keys() {
  return objproc::static_credentials(objproc::owned_credentials(
      std::string(interop::oss_access_key_id), std::string(interop::oss_access_key_secret)));
}
objproc::static_credentials cos_keys() {
  return objproc::static_credentials(objproc::owned_credentials(
      std::string(interop::cos_secret_id), std::string(interop::cos_secret_key)));
}

oss::process_object process(std::string_view key = "exampledir/example.jpg") {
  return {.bucket = interop::oss_bucket,
          .key = key,
          .process = oss::parse_style("image/resize,w_100|sys/saveas,o_b3V0LmpwZw").value()};
}
oss::async_process_object async_process() {
  return {.bucket = interop::oss_bucket,
          .key = "video.mp4",
          .process = oss::parse_style(
                         "video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA/notify,topic_dA")
                         .value()};
}

/// An io_context, a transport on it, and a client referring to the transport.
struct rig {
  explicit rig(bool tls, objproc::client_options o = fast_retries())
      : http(io.get_executor(), short_timeouts(tls)),
        client(std::ref(http), objproc::crypto::portable{}, oss_keys(), o) {}
  asio::io_context io;
  objproc::beast::transport http;
  objproc::client<objproc::beast::transport&, objproc::crypto::portable,
                  objproc::static_credentials>
      client;

  /// Sends one operation with the callback form and runs the loop until it completes.
  template <class Op, class Endpoint>
  auto send(const Op& op, const Endpoint& where) {
    std::optional<decltype(client)::outcome_for<Op>> out;
    client.async_send(op, where, [&](auto done) { out.emplace(std::move(done)); });
    io.run_for(seconds{20});
    io.restart();
    REQUIRE(out);
    return std::move(*out);
  }
};

std::size_t verified_requests_to(std::string_view path_suffix) {
  std::size_t n = 0;
  for (const auto& seen : interop::stats()) {
    if (!seen.path.ends_with(path_suffix)) continue;
    CHECK(seen.verified);
    ++n;
  }
  return n;
}

std::string describe(const auto& done) {
  return done.failure() != nullptr ? objproc::to_string(*done.failure()) : std::string();
}

/// The smallest coroutine type, for the library's own awaitable.
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

}  // namespace

TEST_CASE("beast interop: the server has a TLS port and a certificate", "[beast][interop]") {
  CHECK(interop::port() != 0);
  CHECK(tls_port() != 0);
  CHECK_FALSE(tls_ca().empty());
}

TEST_CASE("beast interop: ProcessObject verified, connections kept alive", "[beast][interop]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    rig r(tls);
    for (int i = 0; i < 3; ++i) {
      const auto done = r.send(process(), oss_endpoint(tls));
      INFO(describe(done));
      REQUIRE(done.has_value());
      CHECK(done.attempts() == 1);
      CHECK(done.status() == 200);
      CHECK_FALSE(done.request_id().empty());
    }
    CHECK(r.http.idle_connections() == 1);
    const auto seen = interop::stats();
    REQUIRE(seen.size() == 3);
    for (const auto& s : seen) {
      CHECK(s.verified);
      CHECK(s.peer_port == seen.front().peer_port);  // one connection, kept alive
      // Exactly one Host and one Content-Length, nothing added beyond them.
      int host = 0;
      int length = 0;
      for (const auto& [name, value] : s.headers) {
        if (objproc::http::detail::iequals(name, "host")) ++host;
        if (objproc::http::detail::iequals(name, "content-length")) ++length;
        CHECK_FALSE(objproc::http::detail::iequals(name, "user-agent"));
        CHECK_FALSE(objproc::http::detail::iequals(name, "expect"));
      }
      CHECK(host == 1);
      CHECK(length == 1);
    }
  }
}

TEST_CASE("beast interop: COS ci_put_object with a body, plain and TLS", "[beast][interop]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    asio::io_context io;
    objproc::beast::transport http(io.get_executor(), short_timeouts(tls));
    objproc::client c(std::ref(http), objproc::crypto::portable{}, cos_keys(), fast_retries());
    std::optional<decltype(c)::outcome_for<ci::ci_put_object>> out;
    c.async_send(
        ci::ci_put_object{
            .bucket = interop::cos_bucket,
            .key = "dir/\xe7\x8c\xab 1+2.jpg",
            .operations = {.is_pic_info = true,
                           .rules = {{.fileid = "out.png", .rule = "imageView2/format/png"}}},
            .body = "fakejpegbytes"},
        cos_endpoint(tls), [&](auto done) { out.emplace(std::move(done)); });
    io.run_for(seconds{20});
    REQUIRE(out);
    INFO(describe(*out));
    REQUIRE(out->has_value());
    CHECK(interop::last_seen().key == "dir/\xe7\x8c\xab 1+2.jpg");
    CHECK(interop::last_seen().verified);
    CHECK(interop::last_seen().body_size == 13);
  }
}

TEST_CASE("beast interop: 503, 429 (Retry-After), reset and 500 are retried to success",
          "[beast][interop][faults]") {
  for (const bool tls : {false, true}) {
    for (const std::string_view fault : {"status:503", "status:429", "reset", "status:500"}) {
      INFO((tls ? "TLS " : "plain ") << fault);
      REQUIRE(interop::reset_server());
      REQUIRE(interop::inject({fault}));
      rig r(tls);
      const auto done = r.send(process(), oss_endpoint(tls));
      INFO(describe(done));
      REQUIRE(done.has_value());
      CHECK(done.attempts() == 2);
      CHECK(verified_requests_to("/example.jpg") == 2);
    }
  }
}

TEST_CASE("beast interop: a slow reply times out and the retry succeeds",
          "[beast][interop][faults]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    REQUIRE(interop::inject({"delay:3000"}));
    rig r(tls);
    const auto started = steady_clock::now();
    const auto done = r.send(process(), oss_endpoint(tls));
    CHECK(steady_clock::now() - started < seconds{6});
    INFO(describe(done));
    REQUIRE(done.has_value());
    CHECK(done.attempts() == 2);
  }
  // Without retries: errc::timed_out (sending had begun).
  REQUIRE(interop::reset_server());
  REQUIRE(interop::inject({"delay:3000"}));
  auto o = fast_retries();
  o.retry.max_attempts = 1;
  rig r(false, o);
  const auto done = r.send(process(), oss_endpoint(false));
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::timed_out);
}

TEST_CASE("beast interop: a truncated body is an error, never a half response",
          "[beast][interop][faults]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    REQUIRE(interop::inject({"truncate"}));
    auto o = fast_retries();
    o.retry.max_attempts = 1;
    rig once(tls, o);
    const auto done = once.send(process(), oss_endpoint(tls));
    REQUIRE(done.failure() != nullptr);
    CHECK(done.failure()->code == errc::response_truncated);
    REQUIRE(interop::inject({"truncate"}));
    rig retrying(tls);
    CHECK(retrying.send(process(), oss_endpoint(tls)).attempts() == 2);
  }
}

TEST_CASE("beast interop: a skewed server clock is corrected, then success",
          "[beast][interop][faults]") {
  for (const bool tls : {false, true}) {
    for (const int skew : {3600, -7200}) {
      INFO((tls ? "TLS " : "plain ") << skew);
      REQUIRE(interop::reset_server());
      REQUIRE(interop::inject({"skew:" + std::to_string(skew)}));
      rig r(tls);
      const auto done = r.send(process(), oss_endpoint(tls));
      INFO(describe(done));
      REQUIRE(done.has_value());
      CHECK(done.attempts() == 2);
      CHECK(r.client.clock_offset() > seconds{skew - 5});
      CHECK(r.client.clock_offset() < seconds{skew + 5});
    }
  }
  REQUIRE(interop::reset_server());
}

TEST_CASE("beast interop: AsyncProcessObject is never duplicated by a retry",
          "[beast][interop][faults]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    {
      REQUIRE(interop::reset_server());
      REQUIRE(interop::inject({"status:503"}));
      rig r(tls);
      const auto done = r.send(async_process(), oss_endpoint(tls));
      REQUIRE(done.service_error() != nullptr);
      CHECK(done.attempts() == 1);
      CHECK(verified_requests_to("/video.mp4") == 1);
    }
    {
      REQUIRE(interop::reset_server());
      REQUIRE(interop::inject({"reset"}));
      rig r(tls);
      const auto done = r.send(async_process(), oss_endpoint(tls));
      REQUIRE(done.failure() != nullptr);
      CHECK(done.attempts() == 1);
      CHECK(verified_requests_to("/video.mp4") == 1);
    }
    {
      REQUIRE(interop::reset_server());
      REQUIRE(interop::inject({"skew:3600"}));
      rig r(tls);
      const auto done = r.send(async_process(), oss_endpoint(tls));
      INFO(describe(done));
      REQUIRE(done.has_value());
      CHECK(done.attempts() == 2);
      std::size_t accepted = 0;
      for (const auto& seen : interop::stats())
        if (seen.path.ends_with("/video.mp4") && seen.status == 200) ++accepted;
      CHECK(accepted == 1);
      REQUIRE(interop::reset_server());
    }
  }
}

TEST_CASE("beast interop: a closed port is a connection failure, retried", "[beast][interop]") {
  REQUIRE(interop::reset_server());
  rig r(false);
  auto closed = oss::endpoint::custom("http://127.0.0.1:1").value().with_region(interop::region);
  REQUIRE(closed.has_value());
  const auto done = r.send(async_process(), *closed);
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::connection_failed);
  CHECK(done.attempts() == 3);
}

TEST_CASE("beast interop: TLS verification is on by default", "[beast][interop][tls]") {
  REQUIRE(interop::reset_server());
  asio::io_context io;
  auto o = short_timeouts(false);  // the system's trust store: the test certificate is unknown
  objproc::beast::transport http(io.get_executor(), o);
  auto request =
      objproc::http::request::make(objproc::http::method::get,
                                   {"https", "127.0.0.1:" + std::to_string(tls_port()), "/__stats"})
          .value();
  std::optional<objproc::result<objproc::http::response>> out;
  http.async_send(request, objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
  io.run_for(seconds{10});
  REQUIRE(out);
  REQUIRE_FALSE(out->has_value());
  CHECK(out->error().code == errc::transport_failed);

  // With the certificate trusted but another host name: refused too.
  asio::io_context io2;
  objproc::beast::transport trusting(io2.get_executor(), short_timeouts(true));
  auto wrong_host = objproc::http::request::make(
                        objproc::http::method::get,
                        {"https", "localhost.invalid:" + std::to_string(tls_port()), "/__stats"})
                        .value();
  out.reset();
  trusting.async_send(wrong_host,
                      objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
  io2.run_for(seconds{10});
  REQUIRE(out);
  CHECK_FALSE(out->has_value());
}

TEST_CASE("beast interop: co_await with the library's awaitable, and stop_token cancellation",
          "[beast][interop][coro]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    rig r(tls);
    std::optional<decltype(r.client)::outcome_for<oss::process_object>> out;
    // A named closure: a coroutine lambda's captures live in the closure, not in the frame.
    auto first = [&]() -> task {
      out.emplace(co_await objproc::async_send(r.client, process(), oss_endpoint(tls)));
    };
    first();
    r.io.run_for(seconds{20});
    r.io.restart();
    REQUIRE(out);
    INFO(describe(*out));
    CHECK(out->has_value());

    // A slow reply, stopped after 100 ms: the request is abandoned on the transport.
    REQUIRE(interop::inject({"delay:1000"}));
    std::stop_source stop;
    out.reset();
    auto second = [&]() -> task {
      out.emplace(
          co_await objproc::async_send(r.client, process(), oss_endpoint(tls), stop.get_token()));
    };
    second();
    asio::steady_timer timer(r.io, milliseconds{100});
    timer.async_wait([&](auto) { stop.request_stop(); });
    const auto started = steady_clock::now();
    r.io.run_for(seconds{20});
    r.io.restart();
    REQUIRE(out);
    REQUIRE(out->failure() != nullptr);
    CHECK(out->failure()->code == errc::cancelled);
    CHECK(steady_clock::now() - started < milliseconds{900});
    CHECK(r.http.in_flight() == 0);
  }
}

TEST_CASE("beast interop: Asio completion tokens: use_awaitable, use_future, a callback",
          "[beast][interop][asio]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    rig r(tls);
    auto stats =
        objproc::http::request::make(
            objproc::http::method::get,
            {tls ? "https" : "http",
             tls ? "127.0.0.1:" + std::to_string(tls_port()) : interop::host(), "/__stats"})
            .value();
#if defined(BOOST_ASIO_HAS_CO_AWAIT)  // Boost 1.74: Asio's coroutines with GCC only
    // The client's operation as an Asio coroutine.
    std::optional<decltype(r.client)::outcome_for<oss::process_object>> out;
    asio::co_spawn(
        r.io,
        [&]() -> asio::awaitable<void> {
          out.emplace(co_await objproc::beast::async_send(r.client, process(), oss_endpoint(tls),
                                                          asio::use_awaitable));
        },
        asio::detached);
    r.io.run_for(seconds{20});
    r.io.restart();
    REQUIRE(out);
    INFO(describe(*out));
    CHECK(out->has_value());

    // One control request through the transport's own initiating function.
    std::optional<objproc::result<objproc::http::response>> raw;
    asio::co_spawn(
        r.io,
        [&]() -> asio::awaitable<void> {
          raw.emplace(co_await r.http.async_send(stats, asio::use_awaitable));
        },
        asio::detached);
    r.io.run_for(seconds{20});
    r.io.restart();
    REQUIRE(raw);
    REQUIRE(raw->has_value());
    CHECK((*raw)->status == 200);
#endif

    auto future = r.http.async_send(stats, asio::use_future);
    r.io.run_for(seconds{20});
    r.io.restart();
    REQUIRE(future.wait_for(seconds{0}) == std::future_status::ready);
    auto got = future.get();
    REQUIRE(got.has_value());
    CHECK(got->status == 200);

    int calls = 0;
    r.http.async_send(stats, [&](objproc::result<objproc::http::response> x) {
      ++calls;
      CHECK(x.has_value());
    });
    CHECK(calls == 0);
    r.io.run_for(seconds{20});
    CHECK(calls == 1);
  }
}

TEST_CASE("beast interop: a client destroyed with its transport and requests in flight",
          "[beast][interop][cancel]") {
  REQUIRE(interop::reset_server());
  REQUIRE(interop::inject({"delay:1000"}));
  asio::io_context io;
  int calls = 0;
  {
    objproc::client c(objproc::beast::transport(io.get_executor(), short_timeouts(false)),
                      objproc::crypto::portable{}, oss_keys(), fast_retries());
    c.async_send(process(), oss_endpoint(false), [&](auto done) {
      ++calls;
      REQUIRE(done.failure() != nullptr);
      CHECK(done.failure()->code == errc::cancelled);
    });
    io.run_for(milliseconds{50});  // connected and sent, waiting for the slow reply
    CHECK(calls == 0);
  }  // the client and its transport go: the completion still comes, from the io_context
  io.restart();
  io.run_for(seconds{5});
  CHECK(calls == 1);
}

TEST_CASE("beast interop: cancel(id) and a stale kept-alive connection", "[beast][interop]") {
  REQUIRE(interop::reset_server());
  asio::io_context io;
  objproc::beast::transport http(io.get_executor(), short_timeouts(false));
  auto stats = objproc::http::request::make(objproc::http::method::get,
                                            {"http", interop::host(), "/__stats"})
                   .value();
  std::optional<objproc::result<objproc::http::response>> out;
  const auto id =
      http.async_send(stats, objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
  http.cancel(id);
  CHECK_FALSE(out);  // never from inside cancel
  io.run_for(seconds{5});
  io.restart();
  REQUIRE(out);
  REQUIRE_FALSE(out->has_value());
  CHECK(out->error().code == errc::cancelled);

  // A kept-alive connection the server then closes: the next request goes on a fresh one.
  out.reset();
  http.async_send(stats, objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
  io.run_for(seconds{5});
  io.restart();
  REQUIRE(out);
  REQUIRE(out->has_value());
  CHECK(http.idle_connections() == 1);
  REQUIRE(interop::inject({"close"}));  // closes idle connections; faults the next request
  REQUIRE(interop::reset_server());     // ... which is not queued any more
  out.reset();
  http.async_send(stats, objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
  io.run_for(seconds{5});
  REQUIRE(out);
  INFO((out->has_value() ? std::string() : objproc::to_string(out->error())));
  CHECK(out->has_value());
}

namespace {

/// A body_source over a string, handing out `chunk` bytes per read; "ends early" after
/// stop_after bytes.
struct chunked_text {
  std::string text;
  std::size_t chunk = 7;
  std::size_t at = 0;
  std::size_t reads = 0;
  std::size_t stop_after = static_cast<std::size_t>(-1);

  static std::size_t read(void* self_ptr, std::span<std::byte> out) noexcept {
    auto& self = *static_cast<chunked_text*>(self_ptr);
    ++self.reads;
    if (self.at >= self.stop_after) return 0;
    const std::size_t n = std::min({out.size(), self.chunk, self.text.size() - self.at});
    std::memcpy(out.data(), self.text.data() + self.at, n);
    self.at += n;
    return n;
  }
  objproc::http::body_source source() { return {text.size(), this, &chunked_text::read}; }
};

}  // namespace

TEST_CASE("beast interop: a streamed 2 MiB body, verified; a source that ends early fails",
          "[beast][interop]") {
  for (const bool tls : {false, true}) {
    INFO((tls ? "TLS" : "plain"));
    REQUIRE(interop::reset_server());
    chunked_text text;
    text.text.assign(std::size_t{2} << 20, 'x');
    for (std::size_t i = 0; i < text.text.size(); i += 4099)
      text.text[i] = static_cast<char>('a' + i % 26);
    text.chunk = 65521;
    const auto prepared =
        ci::ci_put_object{
            .bucket = interop::cos_bucket,
            .key = "big/stream.bin",
            .operations = {.is_pic_info = true,
                           .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}},
            .body_source = text.source(),
            .content_type = "application/octet-stream"}
            .prepare(cos_endpoint(tls));
    REQUIRE(prepared.has_value());
    const auto request =
        ci::sign(*prepared, interop::cos_credentials(), interop::now(), objproc::crypto::portable{},
                 ci::signer{.lifetime = seconds{600}});
    REQUIRE(request.has_value());
    REQUIRE(request->has_streaming_body());
    asio::io_context io;
    objproc::beast::transport http(io.get_executor(), short_timeouts(tls));
    std::optional<objproc::result<objproc::http::response>> out;
    http.async_send(*request,
                    objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
    io.run_for(seconds{20});
    io.restart();
    REQUIRE(out);
    INFO((out->has_value() ? std::string() : objproc::to_string(out->error())));
    REQUIRE(out->has_value());
    CHECK((*out)->status == 200);
    CHECK(text.at == text.text.size());
    CHECK(text.reads > 1);
    const auto seen = interop::last_seen();
    CHECK(seen.verified);
    CHECK(seen.body_size == static_cast<std::int64_t>(text.text.size()));

    chunked_text short_text;
    short_text.text.assign(text.text.size(), 'y');
    short_text.stop_after = 100000;
    auto broken = *request;
    REQUIRE(broken.set_body(short_text.source()).has_value());
    out.reset();
    http.async_send(broken, objproc::http::completion([&](auto r) { out.emplace(std::move(r)); }));
    io.run_for(seconds{20});
    REQUIRE(out);
    REQUIRE_FALSE(out->has_value());
    CHECK(out->error().code == errc::transport_failed);
  }
}
