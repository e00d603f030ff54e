// SPDX-License-Identifier: MIT
// objproc/client.hpp - the client facade: build -> sign -> send -> parse, with retries.
//
//   objproc::client client(objproc::curl::transport{}, objproc::crypto::portable{},
//                          objproc::oss_environment_provider{});
//   auto done = client.send(oss::process_object{...}, *oss::endpoint::for_region("cn-hangzhou"));
//   if (done) std::cout << done.value().object;
//
// Nothing here is needed to build or sign a request (docs/architecture.md: each arrow of the flow
// is a plain function); the client only strings them together, reads the clock and the credentials
// provider, corrects the clock offset when the service rejects the signing time, and retries
// as objproc/retry.hpp describes, signing every attempt afresh. What it knows of an operation -
// result type and parser, error document, request id, whether it starts a task, how a refused
// signing time shows - comes from the operation's traits (objproc/operation_traits.hpp), which
// its vendor declares (oss/traits.hpp, cos/traits.hpp).
//
// Requirements: Transport models objproc::transport (send) and/or objproc::async_transport +
// objproc::async_timer (async_send); Crypto models objproc::crypto_provider; Credentials models
// objproc::credentials_provider; Clock models objproc::signing_clock (now() on the system
// clock: a fake clock makes tests deterministic). A client is not thread-safe: use one per
// thread (its transport usually is per thread anyway). The client owns its transport, or refers
// to one owned elsewhere when given std::ref(transport) (Transport is then a reference type).
//
// Asynchronous operations (async_send, and co_await through objproc/coro.hpp):
//   - Each calls its completion exactly once, from the transport's loop, never from inside
//     async_send or cancel().
//   - Cancelling (the returned async_handle's cancel(), from the loop's thread) completes the
//     operation with errc::cancelled as soon as the loop runs: no further attempt is made, a
//     pending retry wait is abandoned, and the attempt in flight is abandoned too when the
//     transport models objproc::cancellable_transport (otherwise its late response is dropped).
//     Cancelling a finished operation does nothing.
//   - Destroying (or moving from) a client with operations in flight is allowed: the client
//     never touches itself again for them, and each completes with errc::cancelled when the
//     transport next calls back (its response, or its retry timer). That needs a transport
//     that still runs: one referred to with std::ref and outliving the client, or one that,
//     destroyed with the client, still delivers its pending completions (objproc::beast::
//     transport does, from its executor; curl::multi_transport drops them uncalled).
#ifndef OBJPROC_CLIENT_HPP
#define OBJPROC_CLIENT_HPP

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "objproc/client_options.hpp"
#include "objproc/config.hpp"
#include "objproc/core/callback.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/core/time.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/cos/traits.hpp"
#include "objproc/credentials.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/http/response.hpp"
#include "objproc/http/transport.hpp"
#include "objproc/operation_traits.hpp"
#include "objproc/oss/operations.hpp"
#include "objproc/oss/traits.hpp"
#include "objproc/outcome.hpp"
#include "objproc/retry.hpp"

// The synchronous client's default wait. On POSIX it is nanosleep, retried on EINTR (what
// std::this_thread::sleep_for does there); <thread> would cost every includer about a third of
// <string> again (<stop_token>, <semaphore>, <atomic>). Elsewhere, <thread>.
#if defined(__unix__) || defined(__APPLE__)
#  include <time.h>

#  include <cerrno>
#  define OBJPROC_DETAIL_POSIX_SLEEP 1
#else
#  include <thread>
#  define OBJPROC_DETAIL_POSIX_SLEEP 0
#endif

OBJPROC_NAMESPACE_BEGIN

/// A clock whose now() is a system_clock time point (any precision).
template <class C>
concept signing_clock = requires(const C& c) {
  {
    std::chrono::time_point_cast<std::chrono::seconds>(c.now())
    } -> std::convertible_to<std::chrono::sys_seconds>;
};

namespace detail {

/// Base of what the client's asynchronous operations share by count of references (ref_ptr),
/// in place of std::shared_ptr: <memory> would cost every includer about 7% of the single
/// header (bench/README.md, include cost). The count is not atomic: everything touching an
/// asynchronous operation runs on its transport's loop thread (see the top of this file).
class ref_counted {
 public:
  ref_counted() = default;
  ref_counted(const ref_counted&) = delete;
  ref_counted& operator=(const ref_counted&) = delete;

 protected:
  virtual ~ref_counted() = default;

 private:
  template <class T>
  friend class ref_ptr;
  std::size_t refs_ = 0;
};

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
// g++ 12 at -O2 cannot tell that another reference keeps the count above zero, and reports the
// next ++refs_ as a use after the `delete` on the path where it would have reached zero: a
// false positive (std::shared_ptr's atomic count is opaque to it), silenced here only.
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wuse-after-free"
#endif
/// A counted reference to a ref_counted T, created with new; the last one deletes it.
template <class T>
class ref_ptr {
 public:
  ref_ptr() noexcept = default;
  /// Adds a reference to *p (a new object, or one already referred to: `this` in a member).
  explicit ref_ptr(T* p) noexcept : p_(p) {
    if (p_ != nullptr) ++p_->refs_;
  }
  ref_ptr(const ref_ptr& other) noexcept : ref_ptr(other.p_) {}
  ref_ptr(ref_ptr&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  ref_ptr& operator=(ref_ptr other) noexcept {
    std::swap(p_, other.p_);
    return *this;
  }
  ~ref_ptr() {
    if (p_ != nullptr && --p_->refs_ == 0) delete p_;
  }
  [[nodiscard]] T* get() const noexcept { return p_; }
  [[nodiscard]] T& operator*() const noexcept { return *p_; }
  [[nodiscard]] T* operator->() const noexcept { return p_; }
  [[nodiscard]] explicit operator bool() const noexcept { return p_ != nullptr; }

 private:
  T* p_ = nullptr;
};
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#  pragma GCC diagnostic pop
#endif

struct async_operation_base;

/// What an async_handle refers to: the operation while it exists, nothing after (the weak
/// reference std::weak_ptr gave).
struct operation_link final : ref_counted {
  async_operation_base* op = nullptr;
};

/// What an asynchronous operation shares with its async_handle (see client::async_send).
struct async_operation_base : ref_counted {
  async_operation_base() : link(new operation_link) { link->op = this; }
  ~async_operation_base() override { link->op = nullptr; }
  async_operation_base(const async_operation_base&) = delete;
  async_operation_base& operator=(const async_operation_base&) = delete;
  virtual void cancel() = 0;
  bool finished = false;
  bool cancel_requested = false;
  ref_ptr<operation_link> link;
};

/// Whether a client still exists, shared with its operations' callbacks.
struct life_flag final : ref_counted {
  bool alive = true;
};

/// Tells an asynchronous operation's callbacks whether their client still exists. A copy or a
/// move gets a fresh flag: operations started by the source stay tied to the source.
class client_life {
 public:
  client_life() = default;
  client_life(const client_life&) noexcept {}
  client_life& operator=(const client_life&) noexcept { return *this; }
  ~client_life() {
    if (alive_) alive_->alive = false;
  }
  /// Shared with an operation's callbacks; allocated on the first asynchronous operation.
  [[nodiscard]] const ref_ptr<life_flag>& flag() {
    if (!alive_) alive_ = ref_ptr<life_flag>(new life_flag);
    return alive_;
  }

 private:
  ref_ptr<life_flag> alive_;
};

}  // namespace detail

/// Cancels one asynchronous operation of a client (client::async_send returns it). Holds no
/// ownership: it may outlive the operation and the client; cancel() then does nothing. Use it
/// (copy, cancel, destroy) on the transport's loop thread, as the client.
class async_handle {
 public:
  async_handle() = default;
  explicit async_handle(const detail::async_operation_base& op) : link_(op.link) {}
  /// Completes the operation with errc::cancelled (from the loop, soon), unless it finished.
  /// Call it from the loop's thread.
  void cancel() const {
    if (!link_ || link_->op == nullptr) return;
    detail::ref_ptr<detail::async_operation_base> op(link_->op);  // alive through cancel()
    op->cancel();
  }
  /// True while the operation has not delivered its completion.
  [[nodiscard]] bool pending() const { return link_ && link_->op && !link_->op->finished; }

 private:
  detail::ref_ptr<detail::operation_link> link_;
};

namespace detail {

/// Blocks the calling thread for `delay` (> 0), like std::this_thread::sleep_for.
inline void sleep_for(std::chrono::milliseconds delay) {
#if OBJPROC_DETAIL_POSIX_SLEEP
  const auto ms = delay.count();
  timespec left{};
  left.tv_sec = static_cast<time_t>(ms / 1000);
  left.tv_nsec = static_cast<long>(ms % 1000) * 1000000L;
  while (::nanosleep(&left, &left) == -1 && errno == EINTR) {
  }
#else
  std::this_thread::sleep_for(delay);
#endif
}

/// splitmix64: enough randomness for jitter, without <random>'s compile cost.
class jitter_source {
 public:
  explicit jitter_source(std::uint64_t seed) noexcept : state_(seed) {}
  [[nodiscard]] double next() noexcept {  // uniform in [0, 1)
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_;
};

}  // namespace detail

template <class Transport, class Crypto, class Credentials, class Clock = std::chrono::system_clock>
class client {
  static_assert(crypto_provider<Crypto>,
                "objproc::client<Transport, Crypto, ...>: Crypto must model "
                "objproc::crypto_provider (see objproc/crypto/concepts.hpp)");
  static_assert(credentials_provider<Credentials>,
                "objproc::client<Transport, Crypto, Credentials, ...>: Credentials must model "
                "objproc::credentials_provider (see objproc/credentials.hpp)");
  static_assert(signing_clock<Clock>,
                "objproc::client<..., Clock>: Clock must model objproc::signing_clock (now() on "
                "the system clock)");
  static_assert(transport<Transport> || async_transport<Transport>,
                "objproc::client<Transport, ...>: Transport must model objproc::transport "
                "(send) or objproc::async_transport (async_send): see objproc/http/transport.hpp");

 public:
  template <class Op>
  using outcome_for = outcome<typename operation_traits<Op>::value_type,
                              typename operation_traits<Op>::service_error_type>;
  template <class Op>
  using endpoint_for = typename operation_traits<Op>::endpoint_type;
  template <class Op>
  using completion_for = callback<void(outcome_for<Op>)>;  // objproc/core/callback.hpp

  client(Transport transport, Crypto crypto, Credentials credentials, client_options options = {},
         Clock clock = {})
      : transport_(std::forward<Transport>(transport)),
        crypto_(std::move(crypto)),
        credentials_(std::move(credentials)),
        options_(options),
        clock_(std::move(clock)),
        jitter_(options.jitter_seed != 0 ? options.jitter_seed : default_seed()) {}

  /// Builds, signs, sends and parses one operation, retrying as the policy allows.
  template <class Op>
  [[nodiscard]] outcome_for<Op> send(const Op& op, const endpoint_for<Op>& where) {
    static_assert(transport<Transport>,
                  "objproc::client::send needs a Transport that models objproc::transport");
    auto prepared = op.prepare(where);
    if (!prepared) return outcome_for<Op>::failed(prepared.error());
    const bool rewindable = !prepared->has_streaming_body();
    for (int attempt = 1;; ++attempt) {
      auto signed_request = sign_now<Op>(*prepared);
      if (!signed_request) return finished<Op>(signed_request.error(), attempt);
      auto step = settle<Op>(transport_.send(*signed_request), attempt, rewindable);
      if (!step.retry) return std::move(step.done);
      wait(step.delay);
    }
  }

  /// The same, through an asynchronous transport: `done` is called once, from the transport's
  /// event loop (never from inside async_send), with what send() would have returned, or with
  /// errc::cancelled (see the top of this file). The handle cancels it.
  template <class Op>
  async_handle async_send(const Op& op, const endpoint_for<Op>& where, completion_for<Op> done) {
    static_assert(async_transport<Transport>,
                  "objproc::client::async_send needs a Transport that models "
                  "objproc::async_transport (see objproc/http/transport.hpp)");
    static_assert(async_timer<Transport>,
                  "objproc::client::async_send needs the transport to model objproc::async_timer "
                  "(schedule_after) to wait between retries without blocking its loop");
    auto prepared = op.prepare(where);
    if (!prepared) {
      transport_.schedule_after(
          std::chrono::milliseconds{0},
          [done = std::move(done), e = prepared.error()] { done(outcome_for<Op>::failed(e)); });
      return {};
    }
    detail::ref_ptr<async_state<Op>> state(
        new async_state<Op>(std::move(*prepared), std::move(done)));
    state->owner = this;
    state->alive = life_.flag();
    async_handle handle{*state};
    async_attempt<Op>(std::move(state));
    return handle;
  }

  /// A presigned GET URL for `op` (oss::presign_get, cos::presign_get: valid for op.expires),
  /// signed with the provider's credentials at the corrected time.
  template <class Presign>
  requires operation_with_signer<Presign> && requires(const Presign& op) {
    { op.expires } -> std::convertible_to<std::chrono::seconds>;
  }
  [[nodiscard]] result<std::string> presign(const Presign& op, const endpoint_for<Presign>& where) {
    using traits = operation_traits<Presign>;
    auto request = op.prepare(where);
    if (!request) return request.error();
    auto keys = credentials_.get();
    if (!keys) return keys.error();
    return traits::signer(options_, signing_)
        .presign(*request, traits::credentials_of(*keys), now(), op.expires, crypto_);
  }

  /// The correction added to the clock, learned from the service after a rejected signing time.
  [[nodiscard]] std::chrono::seconds clock_offset() const noexcept { return clock_offset_; }
  /// The signing time the next attempt would use.
  [[nodiscard]] std::chrono::sys_seconds now() const {
    return std::chrono::time_point_cast<std::chrono::seconds>(clock_.now()) + clock_offset_;
  }
  [[nodiscard]] std::remove_reference_t<Transport>& transport_ref() noexcept { return transport_; }
  [[nodiscard]] const client_options& options() const noexcept { return options_; }

 private:
  template <class Op>
  struct settlement {
    outcome_for<Op> done;
    bool retry = false;
    std::chrono::milliseconds delay{0};
  };

  template <class Op>
  struct async_state final : detail::async_operation_base {
    async_state(http::request p, completion_for<Op> d)
        : prepared(std::move(p)), done(std::move(d)) {}
    http::request prepared;
    completion_for<Op> done;
    int attempt = 0;
    client* owner = nullptr;
    detail::ref_ptr<detail::life_flag> alive;  // false once the client is gone
    callback<void()> abandon_in_flight;  // cancels the transport request, when it can

    [[nodiscard]] bool client_alive() const noexcept { return alive && alive->alive; }
    /// Delivers `out` unless something was delivered already.
    void finish(outcome_for<Op> out) {
      if (finished) return;
      finished = true;
      abandon_in_flight = nullptr;
      auto fn = std::move(done);
      fn(std::move(out));
    }
    void finish_cancelled() {
      auto out = outcome_for<Op>::failed(
          error{errc::cancelled, error::no_offset, "the operation was cancelled", 0});
      out.record(attempt, 0, {});
      finish(std::move(out));
    }
    void cancel() override {
      if (finished || cancel_requested || !client_alive()) return;
      cancel_requested = true;
      if (abandon_in_flight) {
        auto abandon = std::move(abandon_in_flight);
        abandon();  // the transport calls back with errc::cancelled: delivered from there
        return;
      }
      // Waiting to retry, or an attempt the transport cannot abandon: deliver from the loop
      // now; the timer or the late response then finds the operation finished.
      detail::ref_ptr<async_state> self(this);
      owner->transport_.schedule_after(std::chrono::milliseconds{0},
                                       [self] { self->finish_cancelled(); });
    }
  };

  static std::uint64_t default_seed() noexcept {
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    static int anchor = 0;
    return static_cast<std::uint64_t>(ticks) ^ reinterpret_cast<std::uintptr_t>(&anchor);
  }

  void wait(std::chrono::milliseconds delay) {
    if (delay.count() <= 0) return;
    if (options_.sleep != nullptr)
      options_.sleep(delay);
    else
      detail::sleep_for(delay);
  }

  // The operation's vendor signs (its traits' signer, configured from the options) with the
  // provider's credentials at the corrected time.
  template <class Op>
  [[nodiscard]] result<http::request> sign_now(const http::request& request) {
    using traits = operation_traits<Op>;
    auto keys = credentials_.get();
    if (!keys) return keys.error();
    const auto signer = traits::signer(options_, signing_);
    static_assert(request_signer<std::remove_cvref_t<decltype(signer)>, Crypto>,
                  "objproc::client: an operation's traits must declare a signer that models "
                  "objproc::request_signer (see objproc/operation_traits.hpp)");
    return signer.sign(request, traits::credentials_of(*keys), now(), crypto_);
  }

  template <class Op>
  [[nodiscard]] static outcome_for<Op> finished(const error& e, int attempts) {
    auto out = outcome_for<Op>::failed(e);
    out.record(attempts, 0, {});
    return out;
  }

  /// What one attempt's response or failure means: a final outcome, or another attempt after
  /// a delay. Shared by the synchronous and asynchronous forms.
  template <class Op>
  [[nodiscard]] settlement<Op> settle(result<http::response> response, int attempt,
                                      bool rewindable) {
    static_assert(operation_with_traits<Op>,
                  "objproc::client: the operation's vendor must specialize "
                  "objproc::operation_traits (see objproc/operation_traits.hpp)");
    using traits = operation_traits<Op>;
    using service_error = typename traits::service_error_type;
    settlement<Op> s;
    failure_kind kind = failure_kind::none;
    std::optional<std::chrono::seconds> retry_after;
    if (!response) {
      s.done = finished<Op>(response.error(), attempt);
      kind = classify_failure(response.error().code);
    } else if (response->status >= 200 && response->status < 300) {
      auto value = traits::parse(*response);
      s.done = value ? outcome_for<Op>::success(std::move(*value))
                     : outcome_for<Op>::failed(value.error());
      s.done.record(attempt, response->status,
                    std::string(traits::request_id(*response).value_or("")));
      return s;  // a malformed success body is not retried: the service did act
    } else {
      service_error e = traits::parse_service_error(*response);
      kind = classify_status(response->status);
      if (auto server_time = traits::server_time_if_skewed(*response, e)) {
        clock_offset_ =
            *server_time - std::chrono::time_point_cast<std::chrono::seconds>(clock_.now());
        kind = failure_kind::clock_skew;
      }
      if (auto value = response->header("Retry-After")) retry_after = parse_retry_after(*value);
      s.done = outcome_for<Op>::rejected(std::move(e));
      s.done.record(attempt, response->status,
                    std::string(traits::request_id(*response).value_or("")));
    }
    if (should_retry(options_.retry, kind, attempt, traits::creates_task, rewindable)) {
      s.retry = true;
      // A corrected clock needs no wait: the service refused the time, not the load.
      s.delay = kind == failure_kind::clock_skew
                    ? std::chrono::milliseconds{0}
                    : retry_delay(options_.retry, attempt, jitter_.next(), retry_after);
    }
    return s;
  }

  template <class Op>
  void async_attempt(detail::ref_ptr<async_state<Op>> state) {
    const int attempt = ++state->attempt;
    auto signed_request = sign_now<Op>(state->prepared);
    if (!signed_request) {
      transport_.schedule_after(std::chrono::milliseconds{0},
                                [state, e = signed_request.error(), attempt] {
                                  state->finish(finished<Op>(e, attempt));
                                });
      return;
    }
    // An http::completion, not the lambda: an Asio-style transport may also have an
    // async_send(request, CompletionToken) overload, which a lambda would pick.
    http::completion on_response = [state](result<http::response> response) {
      state->abandon_in_flight = nullptr;
      if (state->finished) return;  // cancelled while this attempt was in flight
      if (state->cancel_requested || !state->client_alive()) {
        state->finish_cancelled();
        return;
      }
      client& self = *state->owner;
      const bool rewindable = !state->prepared.has_streaming_body();
      auto s = self.template settle<Op>(std::move(response), state->attempt, rewindable);
      if (!s.retry) {
        state->finish(std::move(s.done));
        return;
      }
      self.transport_.schedule_after(s.delay, [state] {
        if (state->finished) return;
        if (state->cancel_requested || !state->client_alive()) {
          state->finish_cancelled();
          return;
        }
        state->owner->template async_attempt<Op>(state);
      });
    };
    if constexpr (cancellable_transport<std::remove_reference_t<Transport>>) {
      auto id = transport_.async_send(*signed_request, std::move(on_response));
      if (!state->finished) state->abandon_in_flight = [this, id] { transport_.cancel(id); };
    } else {
      transport_.async_send(*signed_request, std::move(on_response));
    }
  }

  Transport transport_;
  Crypto crypto_;
  Credentials credentials_;
  client_options options_;
  Clock clock_;
  detail::jitter_source jitter_;
  std::chrono::seconds clock_offset_{0};
  signing_state signing_;     // a client is per thread, so is what its signers keep
  detail::client_life life_;  // last: marked dead first when the client goes
};

namespace detail {
/// True for std::reference_wrapper<T> (and anything shaped like it: `type`, get() -> type&, an
/// implicit conversion to type&). Checked by shape so that this header need not include
/// <functional> (see objproc/core/callback.hpp); callers of std::ref include it anyway.
template <class W>
inline constexpr bool is_reference_wrapper = requires(const W& w) {
  typename W::type;
  { w.get() } -> std::same_as<typename W::type&>;
  requires std::is_convertible_v<const W&, typename W::type&>;
};

template <class W>
struct unwrapped_transport {
  using type = W;
};
template <class W>
requires is_reference_wrapper<W>
struct unwrapped_transport<W> {
  using type = typename W::type&;
};
}  // namespace detail

/// client(std::ref(loop), ...) refers to a transport owned elsewhere (an engine's event loop,
/// a transport that cannot move) instead of owning it; client(transport, ...) owns it.
template <class Transport, class Crypto, class Credentials>
client(Transport, Crypto, Credentials)
    -> client<typename detail::unwrapped_transport<Transport>::type, Crypto, Credentials>;
template <class Transport, class Crypto, class Credentials>
client(Transport, Crypto, Credentials, client_options)
    -> client<typename detail::unwrapped_transport<Transport>::type, Crypto, Credentials>;
template <class Transport, class Crypto, class Credentials, class Clock>
client(Transport, Crypto, Credentials, client_options, Clock)
    -> client<typename detail::unwrapped_transport<Transport>::type, Crypto, Credentials, Clock>;

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CLIENT_HPP
