// SPDX-License-Identifier: MIT
// objproc/retry.hpp - when the client tries again, and how long it waits first.
//
// The policy follows the OSS SDKs (Go, Python, C++ v2; docs/reference/oss.md §5): at most
// 3 attempts in all, full-jitter backoff `delay = uniform[0,1) × min(base × 2^(retry-1), cap)`
// with base 200 ms and cap 20 s, on 5xx, 429, 408, network failures, and a rejected signing
// time (after correcting the clock offset). Every attempt is signed afresh.
//
// AsyncProcessObject creates a task on every request the service accepts, so by default it is
// retried only when the request provably never reached the service (errc::connection_failed)
// or was refused before any processing (a rejected signing time). A timeout, a reset or a 5xx
// after sending might hide an accepted request: `retry_async_after_send = true` retries those
// too, accepting that a task may run twice. A streaming body (http::body_source) cannot be
// rewound, so such a request is retried only when it was never sent.
#ifndef OBJPROC_RETRY_HPP
#define OBJPROC_RETRY_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/result.hpp"
#include "objproc/http/transport.hpp"

OBJPROC_NAMESPACE_BEGIN

struct retry_policy {
  int max_attempts = 3;  // in all, the first included; 1 turns retries off
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{20000};
  bool retry_async_after_send = false;  // may duplicate an asynchronous task: opt in
  bool honour_retry_after = true;       // wait at least Retry-After (seconds), up to max_delay
};

/// What went wrong with one attempt, as far as retrying is concerned.
enum class failure_kind : unsigned char {
  none,              // success, or a failure no retry can fix (bad request, access denied)
  not_sent,          // the request never reached the service
  after_send,        // network failure after sending began: the service may have acted
  throttled,         // 429: refused before processing
  server_error,      // 5xx / 408: the service may have acted
  clock_skew,        // signing time rejected: refused before processing
};

/// Whether another attempt may follow an attempt that failed this way.
[[nodiscard]] constexpr bool should_retry(const retry_policy& policy, failure_kind kind,
                                          int attempts_made, bool creates_task,
                                          bool rewindable_body) noexcept {
  if (kind == failure_kind::none || attempts_made >= policy.max_attempts) return false;
  const bool refused_before_processing =
      kind == failure_kind::not_sent || kind == failure_kind::clock_skew;
  if (!rewindable_body && kind != failure_kind::not_sent) return false;
  if (creates_task && !refused_before_processing) return policy.retry_async_after_send;
  return true;
}

/// The full-jitter delay before retry number `retry` (1 for the first retry), given a uniform
/// sample in [0, 1) and an optional server-requested minimum (Retry-After).
[[nodiscard]] constexpr std::chrono::milliseconds retry_delay(
    const retry_policy& policy, int retry, double uniform01,
    std::optional<std::chrono::seconds> retry_after = std::nullopt) noexcept {
  using ms = std::chrono::milliseconds;
  // std::max / std::min spelled out: <algorithm> is not worth including for them.
  const auto max = [](ms a, ms b) { return a < b ? b : a; };
  const auto min = [](ms a, ms b) { return b < a ? b : a; };
  const ms cap = max(policy.max_delay, ms{0});
  ms ceiling = max(policy.base_delay, ms{0});
  for (int i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
  ceiling = min(ceiling, cap);
  const double sample = uniform01 < 0 ? 0 : (uniform01 >= 1 ? 0.999999 : uniform01);
  ms delay{static_cast<ms::rep>(static_cast<double>(ceiling.count()) * sample)};
  if (policy.honour_retry_after && retry_after)
    delay = max(delay, min(std::chrono::duration_cast<ms>(*retry_after), cap));
  return delay;
}

/// How a transport failure counts (errc from http/transport.hpp).
[[nodiscard]] constexpr failure_kind classify_failure(errc code) noexcept {
  switch (code) {
    case errc::connection_failed:
      return failure_kind::not_sent;
    case errc::timed_out:
    case errc::transport_failed:
    case errc::response_truncated:
      return failure_kind::after_send;
    default:
      return failure_kind::none;
  }
}

/// How an HTTP status counts (before looking at the service's error code).
[[nodiscard]] constexpr failure_kind classify_status(int status) noexcept {
  if (status == 429) return failure_kind::throttled;
  if (status == 408 || status >= 500) return failure_kind::server_error;
  return failure_kind::none;
}

/// A Retry-After header in delay-seconds form ("120"); an HTTP date or junk gives nullopt.
[[nodiscard]] constexpr std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value) noexcept {
  if (value.empty() || value.size() > 9) return std::nullopt;
  std::int64_t seconds = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return std::chrono::seconds{seconds};
}

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_RETRY_HPP
