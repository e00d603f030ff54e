// SPDX-License-Identifier: MIT
// Tests objproc/coro.hpp (co_await over an asynchronous transport) and the asynchronous
// client's cancellation and destruction rules, over a fake event loop and a fake clock.
#include "objproc/coro.hpp"

#include <catch2/catch.hpp>

// Against the single header, objproc/coro.hpp (not part of the umbrella) is absent.
#ifdef OBJPROC_CORO_HPP

#include <algorithm>
#include <coroutine>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "objproc/crypto/portable.hpp"
#include "objproc/oss/image.hpp"

namespace oss = objproc::oss;
using objproc::errc;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

constexpr std::string_view process_json =
    R"({"bucket": "", "fileSize": 3267, "object": "dest.jpg", "status": "OK"})";

objproc::http::response reply(int status, std::string body) {
  return objproc::http::response{status, {{"x-oss-request-id", "RID"}}, std::move(body)};
}
std::string busy_xml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>ServiceUnavailable</Code>"
         "<Message>m</Message><RequestId>RID</RequestId><HostId>h</HostId></Error>";
}

/// A single-threaded fake event loop; with Cancellable, async_send returns an id and cancel(id)
/// completes that request with errc::cancelled (from the loop).
template <bool Cancellable>
struct fake_loop {
  struct task {
    milliseconds at;
    std::function<void()> timer;                                // a timer, or
    objproc::http::completion done;                             // a response to deliver
    std::optional<objproc::result<objproc::http::response>> response;
    int id = 0;
  };
  std::deque<objproc::result<objproc::http::response>> script;
  int sent = 0;
  int cancels = 0;
  std::vector<task> tasks;
  milliseconds clock{0};
  milliseconds latency{10};

  auto async_send(const objproc::http::request&, objproc::http::completion done) {
    const int id = ++sent;
    REQUIRE_FALSE(script.empty());
    task t{clock + latency, {}, std::move(done), std::move(script.front()), id};
    script.pop_front();
    tasks.push_back(std::move(t));
    if constexpr (Cancellable) return id;
  }
  void cancel(int id)
    requires Cancellable
  {
    auto it = std::find_if(tasks.begin(), tasks.end(), [id](const task& t) { return t.id == id; });
    if (it == tasks.end()) return;
    ++cancels;
    it->at = clock;
    it->response = objproc::error{errc::cancelled, objproc::error::no_offset, "cancelled", 0};
  }
  void schedule_after(milliseconds delay, std::function<void()> fn) {
    tasks.push_back({clock + delay, std::move(fn), {}, std::nullopt, 0});
  }
  bool step() {
    if (tasks.empty()) return false;
    auto first = std::min_element(tasks.begin(), tasks.end(),
                                  [](const task& a, const task& b) { return a.at < b.at; });
    task t = std::move(*first);
    tasks.erase(first);
    clock = std::max(clock, t.at);
    if (t.timer)
      t.timer();
    else
      t.done(std::move(*t.response));
    return true;
  }
  void run() {
    while (step()) {
    }
  }
  /// Runs everything due by `until` (loop time).
  void run_until(milliseconds until) {
    for (;;) {
      auto first = std::min_element(tasks.begin(), tasks.end(),
                                    [](const task& a, const task& b) { return a.at < b.at; });
      if (first == tasks.end() || first->at > until) break;
      step();
    }
    clock = std::max(clock, until);
  }
};
using plain_loop = fake_loop<false>;
using cancellable_loop = fake_loop<true>;
static_assert(objproc::async_transport<plain_loop> && objproc::async_timer<plain_loop>);
static_assert(!objproc::cancellable_transport<plain_loop>);
static_assert(objproc::cancellable_transport<cancellable_loop>);

struct fake_clock {
  sys_seconds* time;
  [[nodiscard]] sys_seconds now() const noexcept { return *time; }
};

const objproc::owned_credentials keys("LTAI5tExampleAK", "ExampleSecretKey123");
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
oss::process_object seed_process() {
  return oss::process_object{
      .bucket = "examplebucket",
      .key = "exampledir/example.jpg",
      .process = oss::image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100}.str()};
}
objproc::client_options options() {
  objproc::client_options o;
  o.retry.max_attempts = 3;
  o.jitter_seed = 42;
  return o;
}
sys_seconds fixed_time{seconds{1795248000}};

template <class Loop>
auto make_client(Loop& loop) {
  return objproc::client(std::ref(loop), objproc::crypto::portable{},
                         objproc::static_credentials(keys), options(), fake_clock{&fixed_time});
}
template <class Loop>
using client_of = decltype(make_client(std::declval<Loop&>()));

/// The smallest coroutine type: starts at once, keeps its frame until destroyed by its owner.
struct task {
  struct promise_type {
    task get_return_object() { return task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
  explicit task(std::coroutine_handle<promise_type> h) : handle(h) {}
  task(task&& other) noexcept : handle(std::exchange(other.handle, {})) {}
  task& operator=(task&&) = delete;
  ~task() {
    if (handle) handle.destroy();
  }
  [[nodiscard]] bool done() const { return handle.done(); }
  std::coroutine_handle<promise_type> handle;
};

using process_outcome = client_of<plain_loop>::outcome_for<oss::process_object>;

template <class Client>
task await_one(Client& c, std::optional<typename Client::template outcome_for<oss::process_object>>& out,
               std::stop_token stop = {}) {
  out.emplace(co_await objproc::async_send(c, seed_process(), hangzhou(), stop));
}

bool is_cancelled(const auto& out) {
  return out.failure() != nullptr && out.failure()->code == errc::cancelled;
}

}  // namespace

TEST_CASE("coro: co_await resumes with the outcome, retries included, from the loop",
          "[coro][client]") {
  plain_loop loop;
  loop.script.push_back(reply(503, busy_xml()));
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::optional<process_outcome> out;
  auto t = await_one(c, out);
  CHECK_FALSE(out);  // suspended: nothing happens before the loop runs
  CHECK_FALSE(t.done());
  loop.run();
  REQUIRE(out);
  REQUIRE(out->has_value());
  CHECK(out->value().object == "dest.jpg");
  CHECK(out->attempts() == 2);
  CHECK(loop.sent == 2);
  CHECK(t.done());
}

TEST_CASE("coro: the service's error and local errors come back as the outcome", "[coro][client]") {
  plain_loop loop;
  auto c = make_client(loop);
  std::optional<process_outcome> out;
  auto op = seed_process();
  op.key = "/absolute.jpg";
  auto coroutine = [&]() -> task {
    out.emplace(co_await objproc::async_send(c, op, hangzhou()));
  };
  auto t = coroutine();
  loop.run();
  REQUIRE(out);
  REQUIRE(out->failure() != nullptr);
  CHECK(out->failure()->code == errc::invalid_object_key);
  CHECK(loop.sent == 0);
}

TEST_CASE("coro: a stop token already stopped yields errc::cancelled without sending",
          "[coro][cancel]") {
  plain_loop loop;
  auto c = make_client(loop);
  std::stop_source stop;
  stop.request_stop();
  std::optional<process_outcome> out;
  auto t = await_one(c, out, stop.get_token());
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  CHECK(loop.sent == 0);
  CHECK(loop.tasks.empty());
}

TEST_CASE("coro: request_stop during the retry wait cancels, with no further attempt",
          "[coro][cancel]") {
  plain_loop loop;
  loop.script.push_back(reply(503, busy_xml()));
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::stop_source stop;
  std::optional<process_outcome> out;
  auto t = await_one(c, out, stop.get_token());
  loop.run_until(milliseconds{10});  // the 503 arrived; the client now waits to retry
  REQUIRE(loop.sent == 1);
  REQUIRE_FALSE(out);
  stop.request_stop();
  CHECK_FALSE(out);  // never resumed from inside request_stop
  loop.run();
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  CHECK(loop.sent == 1);
  CHECK(t.done());
}

TEST_CASE("coro: request_stop abandons the attempt in flight on a cancellable transport",
          "[coro][cancel]") {
  cancellable_loop loop;
  loop.latency = milliseconds{1000};
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::stop_source stop;
  std::optional<client_of<cancellable_loop>::outcome_for<oss::process_object>> out;
  auto t = await_one(c, out, stop.get_token());
  loop.run_until(milliseconds{5});
  stop.request_stop();
  CHECK(loop.cancels == 1);
  CHECK_FALSE(out);
  loop.run_until(milliseconds{6});
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  CHECK(loop.clock < milliseconds{1000});  // did not wait for the response
  loop.run();
  CHECK(loop.sent == 1);
}

TEST_CASE("coro: request_stop on a transport that cannot cancel drops the late response",
          "[coro][cancel]") {
  plain_loop loop;
  loop.latency = milliseconds{1000};
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::stop_source stop;
  std::optional<process_outcome> out;
  auto t = await_one(c, out, stop.get_token());
  stop.request_stop();
  loop.run_until(milliseconds{1});
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  loop.run();  // the response arrives later and is dropped: still one outcome
  CHECK(is_cancelled(*out));
  CHECK(loop.sent == 1);
}

TEST_CASE("coro: stopping after completion changes nothing", "[coro][cancel]") {
  plain_loop loop;
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::stop_source stop;
  std::optional<process_outcome> out;
  auto t = await_one(c, out, stop.get_token());
  loop.run();
  stop.request_stop();
  loop.run();
  REQUIRE(out);
  CHECK(out->has_value());
}

TEST_CASE("client: async_handle::cancel completes a callback operation once with cancelled",
          "[client][cancel]") {
  plain_loop loop;
  loop.script.push_back(reply(503, busy_xml()));
  auto c = make_client(loop);
  int calls = 0;
  auto handle = c.async_send(seed_process(), hangzhou(), [&](auto done) {
    ++calls;
    CHECK(is_cancelled(done));
  });
  CHECK(handle.pending());
  handle.cancel();
  handle.cancel();  // twice: still one completion
  CHECK(calls == 0);
  loop.run();
  CHECK(calls == 1);
  CHECK_FALSE(handle.pending());
  handle.cancel();  // after completion: nothing
  CHECK(loop.sent == 1);
}

TEST_CASE("client: destroyed with operations in flight, each completes once with cancelled",
          "[client][cancel]") {
  plain_loop loop;
  loop.script.push_back(reply(200, std::string(process_json)));  // in flight
  loop.script.push_back(reply(503, busy_xml()));                 // in flight too
  int calls = 0;
  std::optional<process_outcome> out;
  std::optional<task> t;
  {
    auto c = make_client(loop);
    c.async_send(seed_process(), hangzhou(), [&](auto done) {
      ++calls;
      CHECK(is_cancelled(done));
    });
    t.emplace(await_one(c, out));
    loop.run_until(milliseconds{0});
    REQUIRE(loop.sent == 2);
  }  // the client goes; the loop still holds both responses
  loop.run();
  CHECK(calls == 1);
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  CHECK(loop.sent == 2);  // no retry after the client is gone
  CHECK(t->done());
}

TEST_CASE("client: destroyed during a retry wait, the timer completes it with cancelled",
          "[client][cancel]") {
  plain_loop loop;
  loop.script.push_back(reply(503, busy_xml()));
  std::optional<process_outcome> out;
  std::optional<task> t;
  {
    auto c = make_client(loop);
    t.emplace(await_one(c, out));
    loop.run_until(milliseconds{10});  // the 503 is in; a retry timer is pending
    REQUIRE(loop.tasks.size() == 1);
  }
  loop.run();
  REQUIRE(out);
  CHECK(is_cancelled(*out));
  CHECK(loop.sent == 1);
}

TEST_CASE("coro: a coroutine destroyed while suspended abandons its operation safely",
          "[coro][cancel]") {
  cancellable_loop loop;
  loop.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(loop);
  std::optional<client_of<cancellable_loop>::outcome_for<oss::process_object>> out;
  {
    auto t = await_one(c, out);
    CHECK_FALSE(t.done());
  }  // destroyed while suspended: the awaitable cancels the operation
  CHECK(loop.cancels == 1);
  loop.run();  // the cancelled completion finds nobody waiting: nothing resumed
  CHECK_FALSE(out);
}

#endif  // OBJPROC_CORO_HPP
