// SPDX-License-Identifier: MIT
// objproc/retry.hpp: which failures are retried, and the full-jitter delays. Built twice:
// STATIC_REQUIRE is a static_assert in constexpr_tests and a runtime check in constexpr_tests_runtime.
#include "objproc/retry.hpp"

#include <catch2/catch.hpp>

using objproc::failure_kind;
using objproc::retry_policy;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("retry: classification of failures and statuses", "[retry]") {
  using objproc::errc;
  STATIC_REQUIRE(objproc::classify_failure(errc::connection_failed) == failure_kind::not_sent);
  STATIC_REQUIRE(objproc::classify_failure(errc::timed_out) == failure_kind::after_send);
  STATIC_REQUIRE(objproc::classify_failure(errc::transport_failed) == failure_kind::after_send);
  STATIC_REQUIRE(objproc::classify_failure(errc::response_truncated) == failure_kind::after_send);
  STATIC_REQUIRE(objproc::classify_failure(errc::invalid_bucket_name) == failure_kind::none);
  for (int status = 100; status < 600; ++status) {
    const auto kind = objproc::classify_status(status);
    if (status == 429)
      CHECK(kind == failure_kind::throttled);
    else if (status == 408 || status >= 500)
      CHECK(kind == failure_kind::server_error);
    else
      CHECK(kind == failure_kind::none);
  }
}

TEST_CASE("retry: should_retry honours attempts, tasks and rewindable bodies", "[retry]") {
  constexpr retry_policy policy{};
  STATIC_REQUIRE(objproc::should_retry(policy, failure_kind::server_error, 1, false, true));
  STATIC_REQUIRE(objproc::should_retry(policy, failure_kind::server_error, 2, false, true));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::server_error, 3, false, true));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::none, 1, false, true));
  // A task-creating request: only when it provably was not accepted.
  STATIC_REQUIRE(objproc::should_retry(policy, failure_kind::not_sent, 1, true, true));
  STATIC_REQUIRE(objproc::should_retry(policy, failure_kind::clock_skew, 1, true, true));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::after_send, 1, true, true));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::server_error, 1, true, true));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::throttled, 1, true, true));
  constexpr retry_policy opted_in{.retry_async_after_send = true};
  STATIC_REQUIRE(objproc::should_retry(opted_in, failure_kind::after_send, 1, true, true));
  // A consumed streaming body: only when nothing was sent.
  STATIC_REQUIRE(objproc::should_retry(policy, failure_kind::not_sent, 1, false, false));
  STATIC_REQUIRE_FALSE(objproc::should_retry(policy, failure_kind::server_error, 1, false, false));
  constexpr retry_policy once{.max_attempts = 1};
  STATIC_REQUIRE_FALSE(objproc::should_retry(once, failure_kind::not_sent, 1, false, true));
}

TEST_CASE("retry: full jitter under min(base x 2^(n-1), cap), Retry-After as a floor",
          "[retry]") {
  constexpr retry_policy policy{};
  STATIC_REQUIRE(objproc::retry_delay(policy, 1, 0.0) == milliseconds{0});
  STATIC_REQUIRE(objproc::retry_delay(policy, 1, 0.5) == milliseconds{100});
  STATIC_REQUIRE(objproc::retry_delay(policy, 2, 0.5) == milliseconds{200});
  STATIC_REQUIRE(objproc::retry_delay(policy, 3, 0.5) == milliseconds{400});
  STATIC_REQUIRE(objproc::retry_delay(policy, 30, 0.5) == milliseconds{10000});  // capped
  STATIC_REQUIRE(objproc::retry_delay(policy, 1000, 0.99) < milliseconds{20000});
  STATIC_REQUIRE(objproc::retry_delay(policy, 1, 0.1, seconds{3}) == milliseconds{3000});
  STATIC_REQUIRE(objproc::retry_delay(policy, 1, 0.1, seconds{3600}) == milliseconds{20000});
  constexpr retry_policy ignore{.honour_retry_after = false};
  STATIC_REQUIRE(objproc::retry_delay(ignore, 1, 0.5, seconds{3}) == milliseconds{100});
  for (int retry = 1; retry < 40; ++retry)
    for (double u = 0; u < 1; u += 0.125) {
      const auto d = objproc::retry_delay(policy, retry, u);
      CHECK(d >= milliseconds{0});
      CHECK(d < milliseconds{20000});
    }
}

TEST_CASE("retry: Retry-After in seconds; dates and junk are ignored", "[retry]") {
  STATIC_REQUIRE(objproc::parse_retry_after("0") == seconds{0});
  STATIC_REQUIRE(objproc::parse_retry_after("120") == seconds{120});
  STATIC_REQUIRE_FALSE(objproc::parse_retry_after("").has_value());
  STATIC_REQUIRE_FALSE(objproc::parse_retry_after("-1").has_value());
  STATIC_REQUIRE_FALSE(objproc::parse_retry_after("1.5").has_value());
  STATIC_REQUIRE_FALSE(objproc::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  STATIC_REQUIRE_FALSE(objproc::parse_retry_after("9999999999").has_value());
}
