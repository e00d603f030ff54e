// SPDX-License-Identifier: MIT
// objproc/adapters/curl.hpp - libcurl transports: curl::transport (blocking, keep-alive) and
// curl::multi_transport (an event loop on curl multi, with timers).
//
//   objproc::curl::transport http({.timeout = std::chrono::seconds(30)});
//   auto response = http.send(signed_request);        // result<http::response>
//
//   objproc::curl::multi_transport loop;
//   loop.async_send(signed_request, [](objproc::result<objproc::http::response> r) { ... });
//   loop.schedule_after(std::chrono::milliseconds(200), [] { ... });
//   loop.run();                                        // until nothing is pending
//
// What is sent is exactly the descriptor: its method, its URL byte for byte (no dot-segment
// removal: CURLOPT_PATH_AS_IS), its headers in order, and its body (bytes, or a body_source read
// to its size). curl's own defaults that a server could see are switched off: no Accept, no
// Expect: 100-continue, no form Content-Type on POST, no User-Agent, no Accept-Encoding. What
// HTTP/1.1 needs is added only when the descriptor lacks it: Host from the URL, Content-Length
// from the body size (or chunked when the descriptor says Transfer-Encoding: chunked). Redirects
// are never followed; the response is the last one received (after any 100 Continue), its
// headers in arrival order, its body capped at options::max_response_bytes. HTTP/1.1 always
// (no HTTP/2 upgrade), TLS peer and host verification on unless options::verify_tls is false;
// proxies come from the environment as libcurl reads it (http_proxy, no_proxy, ...).
//
// Failures (CURLcode in error::provider_code, curl's static message in error::detail):
//   errc::connection_failed   DNS failure, refused, or a connect timeout before anything was sent
//   errc::timed_out           options::timeout expired after sending began
//   errc::response_truncated  the connection closed before the announced body was complete
//   errc::transport_failed    anything else: reset, TLS, a body larger than max_response_bytes, a
//                             body_source that returned fewer bytes than its size
//   errc::invalid_argument    a descriptor whose Content-Length differs from its body
//
// Threads: a transport (or a multi_transport) is used by one thread at a time; give each thread
// its own. curl_global_init runs once per process, on first use (a function-local static); it
// is never undone, so transports may live in statics. Needs libcurl 7.66 or later. Never throws
// (builds with -fno-exceptions).
#ifndef OBJPROC_ADAPTERS_CURL_HPP
#define OBJPROC_ADAPTERS_CURL_HPP

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>  // SEEK_SET
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

// With the split headers on the include path, only what this adapter needs; with only the
// single header (single_include/), that header, which holds all of it.
#if __has_include("objproc/config.hpp")
#  include "objproc/config.hpp"
#  include "objproc/core/result.hpp"
#  include "objproc/http/fields.hpp"
#  include "objproc/http/request.hpp"
#  include "objproc/http/response.hpp"
#  include "objproc/http/transport.hpp"
#else
#  include "objproc/objproc.hpp"
#endif

#if LIBCURL_VERSION_NUM < 0x074200
#  error "objproc/adapters/curl.hpp requires libcurl 7.66 or later (curl_multi_poll)"
#endif

OBJPROC_NAMESPACE_BEGIN

namespace curl {

/// How a transport connects and what it accepts back.
struct options {
  std::chrono::milliseconds connect_timeout{10000};  // zero: curl's default (300 s)
  std::chrono::milliseconds timeout{120000};  // the whole exchange, connect included; zero: none
  bool verify_tls = true;
  std::string ca_file = {};  // a CA bundle instead of the system's; empty: the default
  std::size_t max_response_bytes = std::size_t{64} << 20;
};

namespace detail {

/// curl_global_init, once per process; its result on every call.
[[nodiscard]] inline CURLcode global_init() noexcept {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  return code;
}

[[nodiscard]] inline objproc::error failure(errc code, std::string_view detail,
                                            long provider_code = 0) noexcept {
  return objproc::error{code, objproc::error::no_offset, detail, provider_code};
}

struct easy_deleter {
  void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
using easy_ptr = std::unique_ptr<CURL, easy_deleter>;

struct slist_deleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;

// Milliseconds as curl takes them; zero (or less) is curl's "no limit".
[[nodiscard]] inline long clamp_ms(std::chrono::milliseconds d) noexcept {
  const auto n = d.count();
  if (n <= 0) return 0;
  return n > std::numeric_limits<long>::max() ? std::numeric_limits<long>::max()
                                              : static_cast<long>(n);
}

/// A decimal Content-Length value; nullopt when it is not one.
[[nodiscard]] constexpr std::optional<std::uint64_t> parse_length(std::string_view v) noexcept {
  v = http::detail::trim_ows(v);
  if (v.empty() || v.size() > 19) return std::nullopt;
  std::uint64_t n = 0;
  for (const char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

/// Whether a Transfer-Encoding value names chunked (the last coding, as RFC 9112 requires).
[[nodiscard]] constexpr bool names_chunked(std::string_view v) noexcept {
  v = http::detail::trim_ows(v);
  const std::size_t comma = v.rfind(',');
  if (comma != std::string_view::npos) v = http::detail::trim_ows(v.substr(comma + 1));
  return http::detail::iequals(v, "chunked");
}

/// One request on one easy handle: the state curl's callbacks read from and write into. Shared
/// by both transports, so the two send alike. Lives at a fixed address while curl uses it.
class exchange {
 public:
  exchange() = default;
  exchange(const exchange&) = delete;
  exchange& operator=(const exchange&) = delete;

  /// Configures `easy` (fresh or curl_easy_reset) to send `r` exactly. With `own_body` the body
  /// bytes are copied (asynchronous sends: `r` may be gone before curl reads them); a
  /// body_source is never copied, its context must outlive the transfer.
  [[nodiscard]] result<void> prepare(CURL* easy, const options& opts, const http::request& r,
                                     bool own_body) {
    if (const CURLcode init = global_init(); init != CURLE_OK)
      return failure(errc::transport_failed, "curl_global_init failed", init);
    easy_ = easy;
    max_body_ = opts.max_response_bytes;

    // The body: bytes (borrowed or owned) or the caller's stream.
    const auto& body = r.body();
    if (const auto* source = std::get_if<http::body_source>(&body)) {
      source_ = *source;
      streaming_ = true;
      body_size_ = source->size;
      if (body_size_ != 0 && source_.read == nullptr)
        return failure(errc::invalid_argument, "body_source without a read function");
    } else {
      const std::string& bytes = std::get<std::string>(body);
      if (own_body) {
        owned_body_ = bytes;
        bytes_ = owned_body_;
      } else {
        bytes_ = bytes;
      }
      body_size_ = bytes_.size();
    }
    const bool has_body = streaming_ || body_size_ != 0;

    // Headers, checked again although the descriptor refuses bad ones: a line break here would
    // smuggle a second header (or request) onto the wire.
    bool chunked = false;
    std::optional<std::uint64_t> declared_length;
    std::string line;
    for (const auto& h : r.headers()) {
      const std::string_view name = h.name;
      const std::string_view value = h.value;
      if (auto ok = http::detail::check_header_name(name); !ok) return ok.error();
      if (auto ok = http::detail::check_header_value(value); !ok) return ok.error();
      if (http::detail::iequals(name, "content-length")) {
        declared_length = parse_length(value);
        if (!declared_length || *declared_length != body_size_)
          return failure(errc::invalid_argument, "Content-Length header differs from the body");
      } else if (http::detail::iequals(name, "transfer-encoding")) {
        chunked = names_chunked(value);
      }
      line.assign(name);
      // "Name;" is curl's way to send an empty value ("Name:" would remove the header).
      line += value.empty() ? ";" : ": ";
      line += value;
      if (!append_header(line)) return failure(errc::transport_failed, "out of memory");
    }
    if (chunked && declared_length)
      return failure(errc::invalid_argument, "both Content-Length and chunked");
    // "Name:" removes a header curl would add on its own.
    for (const std::string_view name : {std::string_view("Accept"), std::string_view("Expect"),
                                        std::string_view("Content-Type")}) {
      if (r.header(name)) continue;
      line.assign(name);
      line += ':';
      if (!append_header(line)) return failure(errc::transport_failed, "out of memory");
    }

    const std::string url = r.url();
    CURLcode code = CURLE_OK;
    const auto set = [&](CURLoption option, auto value) {
      if (code == CURLE_OK) code = curl_easy_setopt(easy, option, value);
    };
    set(CURLOPT_URL, url.c_str());  // curl copies strings
#if LIBCURL_VERSION_NUM >= 0x075500
    set(CURLOPT_PROTOCOLS_STR, "http,https");
#else
    set(CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    set(CURLOPT_PATH_AS_IS, 1L);  // a key "a/./b/../c" stays as it is
    set(CURLOPT_NOSIGNAL, 1L);    // no SIGALRM for DNS timeouts: safe in threaded programs
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    set(CURLOPT_CONNECTTIMEOUT_MS, clamp_ms(opts.connect_timeout));
    set(CURLOPT_TIMEOUT_MS, clamp_ms(opts.timeout));
    set(CURLOPT_SSL_VERIFYPEER, opts.verify_tls ? 1L : 0L);
    set(CURLOPT_SSL_VERIFYHOST, opts.verify_tls ? 2L : 0L);
    if (!opts.ca_file.empty()) set(CURLOPT_CAINFO, opts.ca_file.c_str());
    set(CURLOPT_HTTPHEADER, headers_.get());
    // Explicit casts: the callbacks are noexcept, curl reads plain function pointers.
    set(CURLOPT_HEADERFUNCTION, static_cast<curl_write_callback>(&exchange::on_header));
    set(CURLOPT_HEADERDATA, static_cast<void*>(this));
    set(CURLOPT_WRITEFUNCTION, static_cast<curl_write_callback>(&exchange::on_body));
    set(CURLOPT_WRITEDATA, static_cast<void*>(this));
    set(CURLOPT_MAXFILESIZE_LARGE,
        static_cast<curl_off_t>(std::min<std::uint64_t>(
            opts.max_response_bytes,
            static_cast<std::uint64_t>(std::numeric_limits<curl_off_t>::max()))));

    // The method. Every body goes through curl's upload path (PUT semantics, CUSTOMREQUEST
    // for the name): it reads through our callback, adds no Content-Type, and sends the
    // Content-Length of the size given (or chunks when asked to).
    const http::method m = r.method();
    const bool upload = has_body || m == http::method::put || m == http::method::post;
    if (m == http::method::head) {
      if (has_body) return failure(errc::invalid_argument, "HEAD with a body");
      set(CURLOPT_NOBODY, 1L);
    } else if (!upload) {
      if (m == http::method::get)
        set(CURLOPT_HTTPGET, 1L);
      else
        set(CURLOPT_CUSTOMREQUEST, "DELETE");
    } else {
      set(CURLOPT_UPLOAD, 1L);
      if (m != http::method::put) set(CURLOPT_CUSTOMREQUEST, http::to_string(m).data());
      set(CURLOPT_INFILESIZE_LARGE,
          chunked ? static_cast<curl_off_t>(-1) : static_cast<curl_off_t>(body_size_));
      set(CURLOPT_READFUNCTION, static_cast<curl_read_callback>(&exchange::on_read));
      set(CURLOPT_READDATA, static_cast<void*>(this));
      set(CURLOPT_SEEKFUNCTION, static_cast<curl_seek_callback>(&exchange::on_seek));
      set(CURLOPT_SEEKDATA, static_cast<void*>(this));
    }
    if (code != CURLE_OK) return failure(errc::transport_failed, "curl_easy_setopt failed", code);
    return {};
  }

  /// The outcome of the transfer that ended with `code`.
  [[nodiscard]] result<http::response> finish(CURLcode code) {
    const long provider = static_cast<long>(code);
    if (too_large_ || code == CURLE_FILESIZE_EXCEEDED)
      return failure(errc::transport_failed, "response body larger than max_response_bytes",
                     provider);
    if (head_too_large_)
      return failure(errc::transport_failed, "response head too large", provider);
    if (source_failed_)
      return failure(errc::transport_failed, "body_source returned fewer bytes than its size",
                     provider);
    switch (code) {
      case CURLE_OK:
        break;
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
        return failure(errc::connection_failed, curl_easy_strerror(code), provider);
      case CURLE_OPERATION_TIMEDOUT:
        if (nothing_sent())
          return failure(errc::connection_failed, "connect timed out before sending", provider);
        return failure(errc::timed_out, curl_easy_strerror(code), provider);
      case CURLE_PARTIAL_FILE:
        return failure(errc::response_truncated, curl_easy_strerror(code), provider);
      default:
        return failure(errc::transport_failed, curl_easy_strerror(code), provider);
    }
    http::response out;
    if (head_.empty()) return failure(errc::invalid_http_response, "no response head");
    if (auto parsed = http::parse_response_head(head_, out); !parsed) return parsed.error();
    out.body = std::move(body_);
    return out;
  }

 private:
  static constexpr std::size_t max_head_bytes = std::size_t{1} << 20;

  [[nodiscard]] bool append_header(const std::string& line) noexcept {
    curl_slist* grown = curl_slist_append(headers_.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)headers_.release();  // curl_slist_append returns the same head, grown
    headers_.reset(grown);
    return true;
  }

  // Provably nothing left: the transfer never got past connecting (no pre-transfer time and no
  // request bytes counted).
  [[nodiscard]] bool nothing_sent() const noexcept {
    curl_off_t pretransfer = 0;
    long request_size = 0;
    if (curl_easy_getinfo(easy_, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) != CURLE_OK)
      return false;
    if (curl_easy_getinfo(easy_, CURLINFO_REQUEST_SIZE, &request_size) != CURLE_OK) return false;
    return pretransfer == 0 && request_size == 0;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count,
                               void* self_ptr) noexcept {
    auto& self = *static_cast<exchange*>(self_ptr);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    // A status line starts a new response (after 100 Continue): keep only the last head.
    if (line.starts_with("HTTP/")) self.head_.clear();
    if (self.head_.size() + n > max_head_bytes) {
      self.head_too_large_ = true;
      return 0;
    }
    self.head_.append(line);
    return n;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count,
                             void* self_ptr) noexcept {
    auto& self = *static_cast<exchange*>(self_ptr);
    const std::size_t n = size * count;
    if (n > self.max_body_ - self.body_.size()) {
      self.too_large_ = true;
      return 0;  // not n: curl stops with CURLE_WRITE_ERROR
    }
    self.body_.append(data, n);
    return n;
  }

  static std::size_t on_read(char* out, std::size_t size, std::size_t count,
                             void* self_ptr) noexcept {
    auto& self = *static_cast<exchange*>(self_ptr);
    const std::uint64_t left = self.body_size_ - self.sent_;
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(left, std::uint64_t{size} * count));
    if (n == 0) return 0;
    std::size_t got = n;
    if (self.streaming_) {
      got = self.source_.read(self.source_.context,
                              std::span<std::byte>(reinterpret_cast<std::byte*>(out), n));
      if (got == 0 || got > n) {
        self.source_failed_ = true;
        return CURL_READFUNC_ABORT;
      }
    } else {
      std::memcpy(out, self.bytes_.data() + self.sent_, n);
    }
    self.sent_ += got;
    return got;
  }

  // curl rewinds when it resends on a fresh connection (a kept-alive one was closed): bytes can
  // go back anywhere; a stream only back to where it has not started yet.
  static int on_seek(void* self_ptr, curl_off_t offset, int origin) noexcept {
    auto& self = *static_cast<exchange*>(self_ptr);
    if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > self.body_size_)
      return CURL_SEEKFUNC_FAIL;
    const auto to = static_cast<std::uint64_t>(offset);
    if (self.streaming_ && to != self.sent_) return CURL_SEEKFUNC_CANTSEEK;
    self.sent_ = to;
    return CURL_SEEKFUNC_OK;
  }

  CURL* easy_ = nullptr;
  slist_ptr headers_;
  std::string owned_body_;
  std::string_view bytes_;
  http::body_source source_{};
  bool streaming_ = false;
  std::uint64_t body_size_ = 0;
  std::uint64_t sent_ = 0;
  std::string head_;
  std::string body_;
  std::size_t max_body_ = 0;
  bool too_large_ = false;
  bool head_too_large_ = false;
  bool source_failed_ = false;
};

}  // namespace detail

/// A blocking transport: one easy handle, reused across sends so connections are kept alive.
class transport {
 public:
  explicit transport(options opts = {}) : options_(std::move(opts)) {}

  /// Sends `r` and waits for the whole response (see the file comment for what is sent).
  [[nodiscard]] result<http::response> send(const http::request& r) {
    if (const CURLcode init = detail::global_init(); init != CURLE_OK)
      return detail::failure(errc::transport_failed, "curl_global_init failed", init);
    if (!easy_) {
      easy_.reset(curl_easy_init());
      if (!easy_) return detail::failure(errc::transport_failed, "curl_easy_init failed");
    } else {
      curl_easy_reset(easy_.get());  // options back to defaults; connection cache kept
    }
    detail::exchange x;
    if (auto ok = x.prepare(easy_.get(), options_, r, false); !ok) return ok.error();
    const CURLcode code = curl_easy_perform(easy_.get());
    auto out = x.finish(code);
    // The handle still points at x's header list and callbacks: detach before x goes away.
    curl_easy_reset(easy_.get());
    return out;
  }

  [[nodiscard]] const options& settings() const noexcept { return options_; }

 private:
  options options_;
  detail::easy_ptr easy_;
};

static_assert(objproc::transport<transport>,
              "curl::transport must model objproc::transport (objproc/http/transport.hpp)");

/// An event loop on curl multi: asynchronous sends and timers, driven by run() / run_for().
/// Completions and timer functions are called only from run() / run_for(), never from inside
/// async_send or schedule_after; they may start new sends and timers. Destroying the loop with
/// work pending drops that work: its completions are never called.
class multi_transport {
 public:
  explicit multi_transport(options opts = {}) : options_(std::move(opts)) {
    if (detail::global_init() == CURLE_OK) multi_ = curl_multi_init();
  }
  multi_transport(const multi_transport&) = delete;
  multi_transport& operator=(const multi_transport&) = delete;
  ~multi_transport() {
    for (const auto& t : active_) curl_multi_remove_handle(multi_, t->easy.get());
    active_.clear();
    idle_.clear();
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
  }

  /// Starts sending `r` (copied: it may be destroyed at once; a body_source's context must
  /// outlive the transfer). `done` is called once, from run(), with what transport::send would
  /// have returned.
  void async_send(const http::request& r, http::completion done) {
    if (multi_ == nullptr) {
      fail_later(std::move(done),
                 detail::failure(errc::transport_failed, "curl_multi_init failed"));
      return;
    }
    detail::easy_ptr easy;
    if (!idle_.empty()) {
      easy = std::move(idle_.back());
      idle_.pop_back();
      curl_easy_reset(easy.get());
    } else {
      easy.reset(curl_easy_init());
      if (!easy) {
        fail_later(std::move(done),
                   detail::failure(errc::transport_failed, "curl_easy_init failed"));
        return;
      }
    }
    auto t = std::make_unique<transfer>();
    if (auto ok = t->exchange.prepare(easy.get(), options_, r, true); !ok) {
      recycle(std::move(easy));
      fail_later(std::move(done), ok.error());
      return;
    }
    if (const CURLMcode mc = curl_multi_add_handle(multi_, easy.get()); mc != CURLM_OK) {
      recycle(std::move(easy));
      fail_later(std::move(done),
                 detail::failure(errc::transport_failed, "curl_multi_add_handle failed", mc));
      return;
    }
    t->easy = std::move(easy);
    t->done = std::move(done);
    active_.push_back(std::move(t));
  }

  /// Calls `fn` once, from run(), no earlier than `delay` from now. Timers due at the same time
  /// run in the order they were scheduled.
  void schedule_after(std::chrono::milliseconds delay, std::function<void()> fn) {
    timers_.push_back(
        {clock::now() + std::max(delay, std::chrono::milliseconds(0)), next_seq_++, std::move(fn)});
    std::push_heap(timers_.begin(), timers_.end(), later);
  }

  /// Sends, waits and calls completions and timers until nothing is pending.
  void run() {
    while (pending() != 0) step(clock::time_point::max());
  }

  /// Like run(), for at most `limit`; true when nothing is pending any more.
  bool run_for(std::chrono::milliseconds limit) {
    const auto until = clock::now() + limit;
    while (pending() != 0 && clock::now() < until) step(until);
    return pending() == 0;
  }

  /// Transfers in flight, completions not yet delivered and timers not yet run.
  [[nodiscard]] std::size_t pending() const noexcept {
    return active_.size() + failed_.size() + timers_.size();
  }

  [[nodiscard]] const options& settings() const noexcept { return options_; }

 private:
  using clock = std::chrono::steady_clock;

  struct transfer {
    detail::easy_ptr easy;
    detail::exchange exchange;
    http::completion done;
  };
  struct timer {
    clock::time_point due;
    std::uint64_t seq;
    std::function<void()> fn;
  };
  struct failed_send {
    http::completion done;
    objproc::error error;
  };

  // A max-heap on "later", so the front is the earliest (then first scheduled) timer.
  static bool later(const timer& a, const timer& b) noexcept {
    return a.due != b.due ? a.due > b.due : a.seq > b.seq;
  }

  void fail_later(http::completion done, const objproc::error& e) {
    failed_.push_back({std::move(done), e});
  }

  void recycle(detail::easy_ptr easy) {
    if (easy) idle_.push_back(std::move(easy));
  }

  // One turn: due callbacks, curl's progress, then a wait bounded by the next timer, curl's own
  // timeout and `until`.
  void step(clock::time_point until) {
    // Completions of sends that failed before reaching curl.
    if (!failed_.empty()) {
      std::vector<failed_send> now_failed;
      now_failed.swap(failed_);
      for (auto& f : now_failed)
        if (f.done) f.done(result<http::response>(f.error));
    }
    // Timers due now; ones scheduled meanwhile (even with no delay) wait for the next turn.
    const auto now = clock::now();
    const std::uint64_t cutoff = next_seq_;
    while (!timers_.empty() && timers_.front().due <= now && timers_.front().seq < cutoff) {
      std::pop_heap(timers_.begin(), timers_.end(), later);
      timer t = std::move(timers_.back());
      timers_.pop_back();
      if (t.fn) t.fn();
    }
    if (!active_.empty()) {
      int running = 0;
      curl_multi_perform(multi_, &running);
      complete_finished();
    }
    if (pending() == 0 || !failed_.empty()) return;

    auto wait = std::chrono::milliseconds(1000);
    const auto bound = [&](clock::time_point t) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(t - clock::now());
      wait = std::min(wait, std::max(left, std::chrono::milliseconds(0)));
    };
    if (until != clock::time_point::max()) bound(until);
    if (!timers_.empty()) bound(timers_.front().due);
    if (!active_.empty()) {
      long curl_wait = -1;
      if (curl_multi_timeout(multi_, &curl_wait) == CURLM_OK && curl_wait >= 0)
        wait = std::min(wait, std::chrono::milliseconds(curl_wait));
      curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    } else if (wait.count() > 0) {
      std::this_thread::sleep_for(wait);
    }
  }

  // Collects finished transfers first, then calls their completions (which may send again).
  void complete_finished() {
    std::vector<std::pair<CURL*, CURLcode>> finished;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left))
      if (msg->msg == CURLMSG_DONE) finished.emplace_back(msg->easy_handle, msg->data.result);
    for (const auto& entry : finished) {
      CURL* const easy = entry.first;  // not a structured binding: clang 14 cannot capture one
      const CURLcode code = entry.second;
      const auto it = std::find_if(active_.begin(), active_.end(),
                                   [&](const auto& t) { return t->easy.get() == easy; });
      if (it == active_.end()) continue;
      std::unique_ptr<transfer> t = std::move(*it);
      active_.erase(it);
      curl_multi_remove_handle(multi_, easy);
      auto outcome = t->exchange.finish(code);
      http::completion done = std::move(t->done);
      curl_easy_reset(easy);  // detach from the exchange before it goes away
      recycle(std::move(t->easy));
      t.reset();
      if (done) done(std::move(outcome));
    }
  }

  options options_;
  CURLM* multi_ = nullptr;
  std::vector<std::unique_ptr<transfer>> active_;
  std::vector<detail::easy_ptr> idle_;  // handles kept for later sends
  std::vector<failed_send> failed_;
  std::vector<timer> timers_;  // a heap, see later()
  std::uint64_t next_seq_ = 0;
};

static_assert(objproc::async_transport<multi_transport>,
              "curl::multi_transport must model objproc::async_transport");
static_assert(objproc::async_timer<multi_transport>,
              "curl::multi_transport must model objproc::async_timer");

}  // namespace curl

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_ADAPTERS_CURL_HPP
