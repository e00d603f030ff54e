// SPDX-License-Identifier: MIT
// objproc/adapters/beast.hpp - an asynchronous transport and timer on a Boost.Asio executor:
// HTTP/1.1 over TCP and over TLS (Asio's OpenSSL stream), keep-alive connections per host,
// connect and total timeouts, cancellation. Target objproc::beast (Boost 1.74+ headers,
// OpenSSL 3's libssl).
//
//   boost::asio::io_context io;
//   objproc::beast::transport http(io.get_executor());
//   objproc::client client(std::ref(http), objproc::crypto::portable{}, provider);
//
//   // callbacks (objproc::async_transport + async_timer + cancellable_transport):
//   client.async_send(op, endpoint, [](auto done) { ... });
//   // co_await with the library's awaitable (objproc/coro.hpp), in any coroutine:
//   auto done = co_await objproc::async_send(client, op, endpoint, stop_token);
//   // or one signed request with an Asio completion token:
//   auto response = co_await http.async_send(signed_request, boost::asio::use_awaitable);
//   std::future<objproc::result<objproc::http::response>> f =
//       http.async_send(signed_request, boost::asio::use_future);
//   io.run();
//
// What is sent: http::write_wire's bytes (objproc/http/wire.hpp), i.e. exactly the
// descriptor's request line and headers, plus Host and Content-Length only when the descriptor
// lacks them; then its body (owned bytes, or a body_source read to its size). No User-Agent,
// Accept, Expect or Connection header is added. The response is read with
// http::response_parser (Content-Length, chunked, to the close; 1xx skipped), its body capped
// at options::max_response_bytes. Beast's own HTTP parser is not used, so only Asio's headers
// are compiled; the target and header keep the name the issue gave them (objproc::beast).
//
// TLS: https URLs; certificates verified by default (verify_peer, the system's default verify
// paths or options::ca_file, host name checked with asio::ssl::host_name_verification, which
// also checks IP addresses); SNI sent for host names (never for IP literals, RFC 6066).
// options::verify_tls = false turns verification off (never by default).
//
// Connections: one per request in flight; after a complete response that does not ask to
// close, the connection returns to a per-host pool (scheme, host, port) of at most
// options::max_idle_per_host and the next request to that host reuses it. A reused connection
// the server closed while idle fails before any response byte: the request is then sent once
// more on a fresh connection (as curl does), unless its body is a body_source (never replayed;
// such requests always use a fresh connection).
//
// Failures (the boost::system::error_code value in error::provider_code):
//   errc::connection_failed   DNS failure, refused, or options::connect_timeout (or the total
//                             timeout) expired before anything was sent
//   errc::timed_out           options::timeout expired after sending began
//   errc::response_truncated  the connection closed before the announced body was complete
//   errc::transport_failed    anything else: reset, TLS handshake or certificate, a response
//                             the parser refuses (too large, malformed)
//   errc::cancelled           cancel(id), cancel_all(), or the transport was destroyed
//   errc::invalid_argument    a URL this transport cannot send (not http or https), a
//                             descriptor write_wire refuses
//
// Completions and timers run on the executor (the loop), never from inside async_send,
// schedule_after or cancel. Threads: use a transport from one thread at a time, the one
// running its executor (an io_context run by one thread, or a strand). Lifetime: the
// io_context must outlive the transport's pending work. Destroying the transport cancels
// every request in flight and every timer: each completion is still called once, from the
// executor, with errc::cancelled, and each pending schedule_after function runs at once (from
// the executor), so nothing waits on the transport forever (a client destroyed with its
// transport then completes its operations with errc::cancelled; see objproc/client.hpp).
//
// Asio completion tokens: async_send(request, token) is an Asio initiating function with the
// signature void(objproc::result<objproc::http::response>): a callback, use_awaitable,
// use_future, ... (no error_code: failures are in the result, nothing is thrown). Never
// throws itself; builds with -fno-exceptions when the application provides
// boost::throw_exception as Boost requires then.
#ifndef OBJPROC_ADAPTERS_BEAST_HPP
#define OBJPROC_ADAPTERS_BEAST_HPP

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/async_result.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

// With the split headers on the include path, only what this adapter needs; with only the
// single header (single_include/), that header, which holds all of it.
#if __has_include("objproc/config.hpp")
#  include "objproc/config.hpp"
#  include "objproc/core/result.hpp"
#  include "objproc/http/request.hpp"
#  include "objproc/http/response.hpp"
#  include "objproc/http/response_parser.hpp"
#  include "objproc/http/transport.hpp"
#  include "objproc/http/wire.hpp"
#else
#  include "objproc/objproc.hpp"
#endif

OBJPROC_NAMESPACE_BEGIN

namespace beast {

namespace asio = boost::asio;

/// How the transport connects and what it accepts back.
struct options {
  std::chrono::milliseconds connect_timeout{10000};  // resolve + connect + TLS; zero: none
  std::chrono::milliseconds timeout{120000};  // the whole exchange, connect included; zero: none
  bool verify_tls = true;
  std::string ca_file = {};  // a CA bundle (PEM) instead of the system's; empty: the default
  std::size_t max_response_bytes = std::size_t{64} << 20;
  std::size_t max_idle_per_host = 16;  // kept-alive connections per (scheme, host, port)
};

namespace detail {

[[nodiscard]] inline objproc::error failure(errc code, std::string_view detail,
                                            const boost::system::error_code& ec = {}) noexcept {
  return objproc::error{code, objproc::error::no_offset, detail, static_cast<long>(ec.value())};
}

/// Where a request goes: host name (no brackets), port, TLS or not.
struct target {
  std::string host;
  std::string port;
  bool tls = false;
};

[[nodiscard]] inline result<target> target_of(const http::request& r) {
  target t;
  if (r.scheme() == "https")
    t.tls = true;
  else if (r.scheme() != "http")
    return failure(errc::invalid_argument, "objproc::beast sends http and https URLs only");
  std::string_view host = r.host();
  std::string_view port = t.tls ? "443" : "80";
  if (!host.empty() && host.front() == '[') {  // [v6]:port
    const auto close = host.find(']');
    if (close == std::string_view::npos) return failure(errc::invalid_host, "unclosed [");
    if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
    host = host.substr(1, close - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty() || port.empty()) return failure(errc::invalid_host, "no host or port");
  t.host = std::string(host);
  t.port = std::string(port);
  return t;
}

[[nodiscard]] inline bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  (void)asio::ip::make_address(host, ec);
  return !ec;
}

/// One TCP connection, plain or TLS.
class connection {
 public:
  using tcp = asio::ip::tcp;
  connection(const asio::any_io_executor& ex, asio::ssl::context* tls) {
    if (tls != nullptr)
      stream_.template emplace<1>(std::make_unique<asio::ssl::stream<tcp::socket>>(ex, *tls));
    else
      stream_.template emplace<0>(std::make_unique<tcp::socket>(ex));
  }
  [[nodiscard]] bool is_tls() const noexcept { return stream_.index() == 1; }
  [[nodiscard]] asio::ssl::stream<tcp::socket>& tls() { return *std::get<1>(stream_); }
  [[nodiscard]] tcp::socket& socket() {
    return is_tls() ? std::get<1>(stream_)->next_layer() : *std::get<0>(stream_);
  }
  /// Calls f with the stream to read and write (tcp::socket& or ssl::stream&).
  template <class F>
  void with_stream(F&& f) {
    if (is_tls())
      f(*std::get<1>(stream_));
    else
      f(*std::get<0>(stream_));
  }
  void close() noexcept {
    boost::system::error_code ignored;
    socket().close(ignored);
  }

 private:
  std::variant<std::unique_ptr<tcp::socket>, std::unique_ptr<asio::ssl::stream<tcp::socket>>>
      stream_;
};

class exchange;

/// What the transport and its operations share; outlives the transport while work is pending.
struct shared_state {
  shared_state(asio::any_io_executor e, options o) : ex(std::move(e)), opts(std::move(o)) {}
  asio::any_io_executor ex;
  options opts;
  std::shared_ptr<asio::ssl::context> tls;
  objproc::error tls_setup_error{};  // code != invalid_argument-default when setup failed
  bool tls_ready = false;
  bool closed = false;
  std::uint64_t next_id = 0;
  std::unordered_map<std::uint64_t, std::shared_ptr<exchange>> active;
  std::map<std::string, std::vector<std::unique_ptr<connection>>> idle;
  std::unordered_map<std::uint64_t, std::shared_ptr<asio::steady_timer>> timers;

  [[nodiscard]] std::unique_ptr<connection> take_idle(const std::string& key) {
    auto it = idle.find(key);
    if (it == idle.end() || it->second.empty()) return nullptr;
    auto c = std::move(it->second.back());
    it->second.pop_back();
    return c;
  }
  void release(const std::string& key, std::unique_ptr<connection> c) {
    auto& list = idle[key];
    if (closed || list.size() >= opts.max_idle_per_host) {
      c->close();
      return;
    }
    list.push_back(std::move(c));
  }
};

/// One request: connect (or reuse), send, read, deliver.
class exchange : public std::enable_shared_from_this<exchange> {
 public:
  enum class stop_reason : unsigned char { none, cancelled, connect_timeout, total_timeout };

  exchange(std::shared_ptr<shared_state> owner, std::uint64_t id, http::completion done,
           target where, std::string wire, std::optional<http::body_source> source)
      : owner_(std::move(owner)),
        id_(id),
        done_(std::move(done)),
        where_(std::move(where)),
        key_((where_.tls ? "https://" : "http://") + where_.host + "|" + where_.port),
        wire_(std::move(wire)),
        source_(source),
        resolver_(owner_->ex),
        deadline_(owner_->ex),
        connect_timer_(owner_->ex),
        parser_(parser_options(owner_->opts, wire_)) {}

  void start() {
    if (owner_->opts.timeout.count() > 0) {
      deadline_.expires_after(owner_->opts.timeout);
      deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec && !self->finished_) self->stop(stop_reason::total_timeout);
      });
    }
    if (!source_) conn_ = owner_->take_idle(key_);
    if (conn_) {
      reused_ = true;
      send();
    } else {
      connect();
    }
  }

  void stop(stop_reason why) {
    if (finished_ || reason_ != stop_reason::none) return;
    reason_ = why;
    resolver_.cancel();
    connect_timer_.cancel();
    if (conn_) conn_->close();  // the pending operation completes with an error
  }

 private:
  static http::response_parser::options parser_options(const options& o, std::string_view wire) {
    http::response_parser::options p;
    p.max_body_bytes = o.max_response_bytes;
    p.head_request = wire.starts_with("HEAD ");
    return p;
  }

  void connect() {
    if (where_.tls && !owner_->tls_ready) {
      finish(owner_->tls_setup_error);
      return;
    }
    conn_ = std::make_unique<connection>(owner_->ex, where_.tls ? owner_->tls.get() : nullptr);
    received_ = 0;
    if (owner_->opts.connect_timeout.count() > 0) {
      connect_timer_.expires_after(owner_->opts.connect_timeout);
      connect_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec && !self->finished_ && !self->sending_) self->stop(stop_reason::connect_timeout);
      });
    }
    resolver_.async_resolve(
        where_.host, where_.port,
        [self = shared_from_this()](const boost::system::error_code& ec,
                                    const asio::ip::tcp::resolver::results_type& found) {
          if (ec || self->reason_ != stop_reason::none)
            return self->fail_connect(ec, "could not resolve the host");
          asio::async_connect(self->conn_->socket(), found,
                              [self](const boost::system::error_code& e,
                                     const asio::ip::tcp::endpoint&) {
                                if (e || self->reason_ != stop_reason::none)
                                  return self->fail_connect(e, "could not connect");
                                self->connected();
                              });
        });
  }

  void connected() {
    boost::system::error_code ignored;
    conn_->socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    if (!conn_->is_tls()) {
      send();
      return;
    }
    auto& tls = conn_->tls();
    boost::system::error_code ec;
    if (owner_->opts.verify_tls) {
      tls.set_verify_mode(asio::ssl::verify_peer, ec);
      if (!ec) tls.set_verify_callback(asio::ssl::host_name_verification(where_.host), ec);
    } else {
      tls.set_verify_mode(asio::ssl::verify_none, ec);
    }
    if (ec) return finish(failure(errc::transport_failed, "TLS setup failed", ec));
    if (!is_ip_literal(where_.host)) {
      // SSL_set_tlsext_host_name, without the macro's C-style cast.
      if (SSL_ctrl(tls.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                   const_cast<char*>(where_.host.c_str())) != 1)
        return finish(failure(errc::transport_failed, "could not set the TLS server name"));
    }
    tls.async_handshake(asio::ssl::stream_base::client,
                        [self = shared_from_this()](const boost::system::error_code& e) {
                          if (self->reason_ != stop_reason::none)
                            return self->fail_connect(e, "TLS handshake interrupted");
                          if (e)
                            return self->finish(
                                failure(errc::transport_failed, "TLS handshake failed", e));
                          self->send();
                        });
  }

  void fail_connect(const boost::system::error_code& ec, std::string_view detail) {
    switch (reason_) {
      case stop_reason::cancelled:
        return finish(failure(errc::cancelled, "the request was cancelled", ec));
      case stop_reason::connect_timeout:
      case stop_reason::total_timeout:
        return finish(failure(errc::connection_failed, "connect timed out before sending", ec));
      case stop_reason::none:
        break;
    }
    finish(failure(errc::connection_failed, detail, ec));
  }

  void send() {
    sending_ = true;
    connect_timer_.cancel();
    conn_->with_stream([&](auto& stream) {
      asio::async_write(stream, asio::buffer(wire_),
                        [self = shared_from_this()](const boost::system::error_code& ec,
                                                    std::size_t) {
                          if (ec || self->reason_ != stop_reason::none)
                            return self->io_failed(ec, "send failed");
                          if (self->source_) {
                            self->body_.emplace(*self->source_);
                            return self->send_body();
                          }
                          self->read();
                        });
    });
  }

  void send_body() {
    if (body_->done()) return read();
    auto chunk = std::as_writable_bytes(std::span<char>(buffer_));
    auto n = body_->read(chunk);
    if (!n) return finish(n.error());
    conn_->with_stream([&](auto& stream) {
      asio::async_write(stream, asio::buffer(buffer_.data(), *n),
                        [self = shared_from_this()](const boost::system::error_code& ec,
                                                    std::size_t) {
                          if (ec || self->reason_ != stop_reason::none)
                            return self->io_failed(ec, "send failed");
                          self->send_body();
                        });
    });
  }

  void read() {
    conn_->with_stream([&](auto& stream) {
      stream.async_read_some(
          asio::buffer(buffer_),
          [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            self->on_read(ec, n);
          });
    });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (reason_ != stop_reason::none) return io_failed(ec, "receive failed");
    received_ += n;
    std::size_t offset = 0;
    while (offset < n) {
      const auto step = parser_.feed(std::span<const char>(buffer_.data() + offset, n - offset));
      offset += step.consumed;
      if (step.state == http::parse_state::error) return parse_failed();
      if (step.state == http::parse_state::complete) return complete(offset < n);
      if (step.consumed == 0) break;
    }
    if (!ec) return read();
    const bool closed = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
    if (stale_reused_connection(ec)) return resend();
    if (!closed) return io_failed(ec, "receive failed");
    parser_.finish();
    if (parser_.state() == http::parse_state::complete) return complete(true);
    parse_failed();
  }

  /// A kept-alive connection the server closed while idle: nothing of a response came back.
  [[nodiscard]] bool stale_reused_connection(const boost::system::error_code& ec) const {
    return reused_ && received_ == 0 && !source_ && reason_ == stop_reason::none && ec &&
           ec != asio::error::operation_aborted;
  }

  void resend() {
    conn_->close();
    conn_.reset();
    reused_ = false;
    sending_ = false;
    parser_.reset();
    connect();
  }

  void parse_failed() {
    const objproc::error& e = parser_.failure();
    if (e.code == errc::response_truncated) return finish(e);
    finish(failure(errc::transport_failed, e.detail.empty() ? "invalid response" : e.detail));
  }

  void io_failed(const boost::system::error_code& ec, std::string_view detail) {
    if (stale_reused_connection(ec)) return resend();
    switch (reason_) {
      case stop_reason::cancelled:
        return finish(failure(errc::cancelled, "the request was cancelled", ec));
      case stop_reason::connect_timeout:
      case stop_reason::total_timeout:
        if (!sending_)
          return finish(failure(errc::connection_failed, "connect timed out before sending", ec));
        return finish(failure(errc::timed_out, "the request timed out", ec));
      case stop_reason::none:
        break;
    }
    finish(failure(errc::transport_failed, detail, ec));
  }

  void complete(bool must_close) {
    auto response = parser_.take();
    if (!must_close && !parser_.must_close() && reason_ == stop_reason::none)
      owner_->release(key_, std::move(conn_));
    finish(std::move(response));
  }

  void finish(result<http::response> r) {
    if (finished_) return;
    finished_ = true;
    deadline_.cancel();
    connect_timer_.cancel();
    resolver_.cancel();
    if (conn_) conn_->close();
    auto keep = shared_from_this();  // erasing below may drop the last other reference
    owner_->active.erase(id_);
    auto done = std::move(done_);
    done(std::move(r));
  }

  std::shared_ptr<shared_state> owner_;
  std::uint64_t id_;
  http::completion done_;
  target where_;
  std::string key_;
  std::string wire_;
  std::optional<http::body_source> source_;
  std::optional<http::body_stream> body_;
  asio::ip::tcp::resolver resolver_;
  asio::steady_timer deadline_;
  asio::steady_timer connect_timer_;
  http::response_parser parser_;
  std::unique_ptr<connection> conn_;
  std::array<char, 16384> buffer_{};
  std::uint64_t received_ = 0;
  stop_reason reason_ = stop_reason::none;
  bool reused_ = false;
  bool sending_ = false;
  bool finished_ = false;
};

}  // namespace detail

/// An asynchronous HTTP/1.1 transport and timer on an Asio executor. See the top of this file.
class transport {
 public:
  using executor_type = asio::any_io_executor;
  /// What async_send returns, for cancel(). Never reused by one transport.
  using request_id = std::uint64_t;

  /// A transport with its own TLS context (TLS 1.2 or later, the system's trust store or
  /// options::ca_file).
  explicit transport(executor_type ex, options opts = {})
      : state_(std::make_shared<detail::shared_state>(std::move(ex), std::move(opts))) {
    setup_tls(nullptr);
  }
  /// A transport using the caller's TLS context (client certificates, pinned CAs, ...).
  /// Verification (options::verify_tls) is still set per connection.
  transport(executor_type ex, std::shared_ptr<asio::ssl::context> tls, options opts = {})
      : state_(std::make_shared<detail::shared_state>(std::move(ex), std::move(opts))) {
    setup_tls(std::move(tls));
  }
  transport(const transport&) = delete;
  transport& operator=(const transport&) = delete;
  /// Moving keeps the requests in flight and the pool; the moved-from transport is empty.
  transport(transport&&) noexcept = default;
  transport& operator=(transport&&) = delete;
  ~transport() {
    if (state_) shutdown();
  }

  [[nodiscard]] executor_type get_executor() const noexcept { return state_->ex; }
  [[nodiscard]] const options& settings() const noexcept { return state_->opts; }

  /// Starts sending `r` (copied: it may be destroyed at once; a body_source's context must
  /// outlive the request). `done` is called once, from the executor. objproc::async_transport.
  request_id async_send(const http::request& r, http::completion done) {
    const request_id id = ++state_->next_id;
    auto t = detail::target_of(r);
    std::string wire;
    std::optional<http::body_source> source;
    result<void> ok = t ? http::write_wire(r, wire) : result<void>(t.error());
    if (ok && r.has_streaming_body()) source = std::get<http::body_source>(r.body());
    if (state_->closed) ok = detail::failure(errc::cancelled, "the transport is shut down");
    if (!ok) {
      asio::post(state_->ex, [done = std::move(done), e = ok.error()] { done(e); });
      return id;
    }
    auto x = std::make_shared<detail::exchange>(state_, id, std::move(done), std::move(*t),
                                                std::move(wire), source);
    state_->active.emplace(id, x);
    x->start();
    return id;
  }

  /// The same as an Asio initiating function: `token` is a completion token for the signature
  /// void(objproc::result<objproc::http::response>) (a callback, asio::use_awaitable,
  /// asio::use_future, ...). The handler runs on its associated executor (default: this
  /// transport's).
  template <class CompletionToken>
    requires(!std::is_same_v<std::decay_t<CompletionToken>, http::completion>)
  auto async_send(const http::request& r, CompletionToken&& token) {
    return asio::async_initiate<CompletionToken, void(result<http::response>)>(
        [this](auto handler, const http::request& request) {
          using handler_type = decltype(handler);
          auto shared = std::make_shared<handler_type>(std::move(handler));
          auto ex = asio::get_associated_executor(*shared, state_->ex);
          (void)async_send(request, http::completion([shared, ex](result<http::response> out) {
            asio::dispatch(ex, [shared, out = std::move(out)]() mutable {
              (*shared)(std::move(out));
            });
          }));
        },
        token, std::cref(r));
  }

  /// Abandons request `id`: its completion gets errc::cancelled (from the executor). Nothing
  /// when it already completed. objproc::cancellable_transport.
  void cancel(request_id id) {
    if (auto it = state_->active.find(id); it != state_->active.end())
      it->second->stop(detail::exchange::stop_reason::cancelled);
  }

  /// Abandons every request in flight.
  void cancel_all() {
    std::vector<std::shared_ptr<detail::exchange>> all;
    all.reserve(state_->active.size());
    for (auto& [id, x] : state_->active) all.push_back(x);
    for (auto& x : all) x->stop(detail::exchange::stop_reason::cancelled);
  }

  /// Calls `fn` once, from the executor, no earlier than `delay` from now (or at once when the
  /// transport is destroyed first). objproc::async_timer.
  void schedule_after(std::chrono::milliseconds delay, std::function<void()> fn) {
    const std::uint64_t id = ++state_->next_id;
    auto timer = std::make_shared<asio::steady_timer>(state_->ex);
    timer->expires_after(delay.count() > 0 ? delay : std::chrono::milliseconds(0));
    state_->timers.emplace(id, timer);
    timer->async_wait([state = state_, timer, id, fn = std::move(fn)](
                          const boost::system::error_code&) {
      state->timers.erase(id);
      fn();
    });
  }

  /// Requests in flight (sent or being sent, not yet completed).
  [[nodiscard]] std::size_t in_flight() const noexcept { return state_->active.size(); }
  /// Kept-alive connections waiting in the pool.
  [[nodiscard]] std::size_t idle_connections() const noexcept {
    std::size_t n = 0;
    for (const auto& [key, list] : state_->idle) n += list.size();
    return n;
  }
  /// Closes the pooled connections (requests in flight keep theirs).
  void close_idle() {
    for (auto& [key, list] : state_->idle)
      for (auto& c : list) c->close();
    state_->idle.clear();
  }

 private:
  void setup_tls(std::shared_ptr<asio::ssl::context> tls) {
    boost::system::error_code ec;
    if (!tls) {
      tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                           asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                           asio::ssl::context::no_tlsv1_1,
                       ec);
      if (!ec) {
        if (state_->opts.ca_file.empty())
          tls->set_default_verify_paths(ec);
        else
          tls->load_verify_file(state_->opts.ca_file, ec);
      }
    }
    state_->tls = std::move(tls);
    state_->tls_ready = !ec;
    if (ec)
      state_->tls_setup_error =
          detail::failure(errc::transport_failed, "could not set up the TLS context", ec);
  }

  void shutdown() {
    state_->closed = true;
    cancel_all();
    close_idle();
    for (auto& [id, timer] : state_->timers) timer->cancel();  // their functions run now
  }

  std::shared_ptr<detail::shared_state> state_;
};

/// One operation of an objproc::client whose transport is a beast::transport (or any transport
/// with get_executor()), as an Asio initiating function: the completion signature is
/// void(Client::outcome_for<Op>), retries and backoff included.
///   auto done = co_await objproc::beast::async_send(client, op, endpoint, asio::use_awaitable);
/// (asio::awaitable coroutines accept only Asio awaitables; objproc::async_send of
/// objproc/coro.hpp is for other coroutine types.) Cancel with the transport's cancel_all().
template <class Client, class Op, class CompletionToken>
auto async_send(Client& client, const Op& op,
                const typename Client::template endpoint_for<Op>& where, CompletionToken&& token) {
  using outcome_type = typename Client::template outcome_for<Op>;
  return asio::async_initiate<CompletionToken, void(outcome_type)>(
      [&client](auto handler, const Op& operation,
                const typename Client::template endpoint_for<Op>& endpoint) {
        using handler_type = decltype(handler);
        auto shared = std::make_shared<handler_type>(std::move(handler));
        auto ex = asio::get_associated_executor(*shared, client.transport_ref().get_executor());
        client.async_send(operation, endpoint, [shared, ex](outcome_type out) {
          asio::dispatch(ex, [shared, out = std::move(out)]() mutable {
            (*shared)(std::move(out));
          });
        });
      },
      token, std::cref(op), std::cref(where));
}

}  // namespace beast

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_ADAPTERS_BEAST_HPP
