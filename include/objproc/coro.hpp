// SPDX-License-Identifier: MIT
// objproc/coro.hpp - C++20 coroutines over any asynchronous transport: co_await an operation.
//
//   objproc::client client(std::ref(loop), objproc::crypto::portable{}, provider);
//   task<void> process(std::stop_token stop) {          // any coroutine type: yours, Asio's, ...
//     auto done = co_await objproc::async_send(client, op, endpoint, stop);
//     if (done) use(done.value());
//     else if (done.failure() && done.failure()->code == objproc::errc::cancelled) ...
//   }
//
// objproc::async_send(client, op, where[, stop]) returns an awaitable (no coroutine library is
// needed: it works in any coroutine whose promise has no await_transform that forbids it). The
// coroutine suspends, the client runs client::async_send (retries and backoff included, on the
// transport's timer), and the coroutine resumes with the client's outcome_for<Op>: the value,
// the service's typed error, or a local error. It resumes from the transport's event loop (the
// thread running it), never from inside co_await itself, except when the stop token was
// already stopped: then it does not suspend and yields errc::cancelled at once.
//
// Cancellation: a std::stop_token. request_stop() (from the loop's thread, as every use of a
// client) completes the operation with errc::cancelled as client::async_send's handle does: no
// further attempt, the retry wait abandoned, the attempt in flight abandoned when the transport
// models objproc::cancellable_transport. The coroutine resumes from the loop.
//
// Lifetime: the awaitable holds a reference to the client and copies the operation and the
// endpoint. If the awaiting coroutine is destroyed while suspended, the operation is cancelled
// and its completion is dropped (nothing is resumed, nothing dangling is touched). If the client
// is destroyed while the coroutine waits, the coroutine resumes with errc::cancelled once the
// transport calls back (see client.hpp); if the transport itself is destroyed without calling
// its pending completions, the coroutine is never resumed: keep the transport (the loop) alive
// until every coroutine awaiting it has resumed, or destroy those coroutines.
#ifndef OBJPROC_CORO_HPP
#define OBJPROC_CORO_HPP

#include <coroutine>
#include <memory>
#include <optional>
#include <stop_token>
#include <utility>

#include "objproc/client.hpp"
#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {
/// What the awaitable and the client's completion share: the completion outlives the awaitable
/// when the awaiting coroutine is destroyed first.
template <class Outcome>
struct send_await_state {
  std::coroutine_handle<> waiting;
  std::optional<Outcome> result;
  bool detached = false;  // the awaitable is gone: drop the completion
};

struct cancel_on_stop {
  async_handle handle;
  void operator()() const { handle.cancel(); }
};
}  // namespace detail

/// The awaitable of objproc::async_send: co_await it once.
template <class Client, class Op>
class [[nodiscard]] send_awaitable {
 public:
  using outcome_type = typename Client::template outcome_for<Op>;
  using endpoint_type = typename Client::template endpoint_for<Op>;

  send_awaitable(Client& c, Op op, endpoint_type where, std::stop_token stop)
      : client_(&c), op_(std::move(op)), where_(std::move(where)), stop_(std::move(stop)) {}
  send_awaitable(send_awaitable&&) noexcept = default;  // before co_await only
  send_awaitable(const send_awaitable&) = delete;
  send_awaitable& operator=(const send_awaitable&) = delete;
  send_awaitable& operator=(send_awaitable&&) = delete;
  ~send_awaitable() {
    if (!state_) return;
    stop_callback_.reset();
    if (!state_->result) {  // destroyed while suspended: abandon the operation
      state_->detached = true;
      handle_.cancel();
    }
  }

  [[nodiscard]] bool await_ready() const noexcept { return false; }

  bool await_suspend(std::coroutine_handle<> waiting) {
    state_ = std::make_shared<detail::send_await_state<outcome_type>>();
    if (stop_.stop_requested()) {
      state_->result.emplace(outcome_type::failed(
          error{errc::cancelled, error::no_offset, "the operation was cancelled", 0}));
      return false;  // resume at once
    }
    state_->waiting = waiting;
    handle_ = client_->async_send(
        op_, where_, [state = state_](outcome_type done) {
          if (state->detached) return;
          state->result.emplace(std::move(done));
          std::exchange(state->waiting, {}).resume();
        });
    // A token already stopped cancels at once; the completion still comes from the loop.
    if (stop_.stop_possible()) stop_callback_.emplace(stop_, detail::cancel_on_stop{handle_});
    return true;
  }

  outcome_type await_resume() {
    stop_callback_.reset();
    return std::move(*state_->result);
  }

 private:
  Client* client_;
  Op op_;
  endpoint_type where_;
  std::stop_token stop_;
  std::shared_ptr<detail::send_await_state<outcome_type>> state_;
  async_handle handle_;
  std::optional<std::stop_callback<detail::cancel_on_stop>> stop_callback_;
};

/// co_await objproc::async_send(client, op, where[, stop]) -> client.outcome_for<Op>.
/// The client must model the asynchronous form (its transport: async_transport + async_timer).
template <class Client, class Op>
[[nodiscard]] send_awaitable<Client, Op> async_send(
    Client& c, Op op, typename Client::template endpoint_for<Op> where,
    std::stop_token stop = {}) {
  return send_awaitable<Client, Op>(c, std::move(op), std::move(where), std::move(stop));
}

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORO_HPP
