// SPDX-License-Identifier: MIT
// Tests objproc/core/callback.hpp: callback behaves as std::function does for what objproc asks
// of it (build from callables, copy, move, reset, test, call), in place and on the heap.
#include "objproc/core/callback.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

using objproc::callback;

namespace {

int twice(int x) { return 2 * x; }

/// Counts live copies, to see that every target is destroyed exactly once.
struct counted {
  std::shared_ptr<int> live;
  int operator()(int x) const { return x + *live; }
};

/// Larger than the in-place buffer: stored on the heap.
struct big {
  std::array<long long, 16> pad{};
  std::shared_ptr<int> live;
  int operator()(int x) const { return x + *live + static_cast<int>(pad[3]); }
};

}  // namespace

static_assert(std::is_nothrow_move_constructible_v<callback<void()>>,
              "a callback moves without throwing (the client moves completions around)");
static_assert(std::is_nothrow_default_constructible_v<callback<void()>>);
static_assert(std::is_convertible_v<callback<void()>, std::function<void()>>,
              "a callback converts to std::function (transports may take std::function)");
static_assert(!std::is_constructible_v<callback<void()>, int>, "not a callable");
static_assert(!std::is_constructible_v<callback<int(int)>, std::string (*)(int)>,
              "the result must convert to R");
static_assert(!std::is_constructible_v<callback<void()>, std::unique_ptr<int>>);

TEST_CASE("callback: empty, from nullptr, from a null function pointer", "[core][callback]") {
  callback<int(int)> a;
  CHECK_FALSE(a);
  CHECK(a == nullptr);
  callback<int(int)> b = nullptr;
  CHECK_FALSE(b);
  int (*null)(int) = nullptr;
  callback<int(int)> c = null;
  CHECK_FALSE(c);
  callback<int(int)> d = twice;
  REQUIRE(d);
  CHECK(d(21) == 42);
  d = nullptr;
  CHECK_FALSE(d);
}

TEST_CASE("callback: lambdas, results converted and dropped, arguments forwarded",
          "[core][callback]") {
  int calls = 0;
  callback<void(int)> drop = [&calls](int x) { return calls += x; };  // result dropped
  drop(3);
  const auto& as_const = drop;
  as_const(4);
  CHECK(calls == 7);
  callback<long(short)> widen = [](int x) { return x * 2; };
  CHECK(widen(short{5}) == 10L);
  callback<std::size_t(std::unique_ptr<std::string>)> take =
      [](std::unique_ptr<std::string> p) { return p->size(); };
  CHECK(take(std::make_unique<std::string>("four")) == 4);
  // A mutable lambda keeps its state between calls, as in std::function.
  callback<int()> counter = [n = 0]() mutable { return ++n; };
  CHECK(counter() == 1);
  CHECK(counter() == 2);
  std::function<int(int)> std_fn = twice;
  callback<int(int)> from_std = std_fn;
  CHECK(from_std(4) == 8);
}

TEMPLATE_TEST_CASE("callback: copies, moves, swaps and destroys each target once",
                   "[core][callback]", counted, big) {
  auto live = std::make_shared<int>(1);
  {
    callback<int(int)> a = TestType{.live = live};
    CHECK(live.use_count() == 2);
    callback<int(int)> b = a;  // copy
    CHECK(live.use_count() == 3);
    CHECK(a(1) == 2);
    CHECK(b(2) == 3);
    callback<int(int)> c = std::move(a);  // move: no new copy, the source is empty
    CHECK_FALSE(a);                       // NOLINT(bugprone-use-after-move): specified empty
    CHECK(live.use_count() == 3);
    CHECK(c(3) == 4);
    a = c;  // copy-assign into an empty one
    CHECK(live.use_count() == 4);
    a = std::move(b);  // move-assign over a target: the old one is destroyed
    CHECK_FALSE(b);    // NOLINT(bugprone-use-after-move)
    CHECK(live.use_count() == 3);
    callback<int(int)> d = twice;
    swap(d, a);
    CHECK(a(5) == 10);
    CHECK(d(5) == 6);
    a.swap(a);
    CHECK(a(6) == 12);
    a = d;  // copy-assign over a function pointer
    CHECK(live.use_count() == 4);
    auto& self = a;
    a = self;  // self-assignment keeps the target
    CHECK(a(7) == 8);
    a = [](int x) { return -x; };  // assign a new callable
    CHECK(a(7) == -7);
    CHECK(live.use_count() == 3);
  }
  CHECK(live.use_count() == 1);
}
