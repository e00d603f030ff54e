// SPDX-License-Identifier: MIT
// Tests objproc/client.hpp with a scripted in-memory transport and a fake clock: the flow
// (prepare, sign, send, parse), retries and their limits, the clock-offset correction, the
// asynchronous-task rule, and the asynchronous form over a fake event loop.
#include "objproc/client.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "archetypes/credentials_provider.hpp"
#include "archetypes/transport.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc::errc;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

constexpr std::string_view process_json =
    R"({"bucket": "", "fileSize": 3267, "object": "dest.jpg", "status": "OK"})";
constexpr std::string_view async_json =
    R"({"EventId":"181-1kZ","RequestId":"1D99637F","TaskId":"MediaConvert-5a3"})";
constexpr std::string_view upload_xml =
    "<UploadResult><OriginalInfo><Key>a.jpg</Key><Location>l</Location><ETag>e</ETag>"
    "</OriginalInfo></UploadResult>";

std::string oss_error_xml(std::string_view code, std::string_view extra = {}) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + std::string(code) +
         "</Code><Message>m</Message><RequestId>RID</RequestId><HostId>h</HostId>" +
         std::string(extra) + "</Error>";
}

objproc::http::response reply(int status, std::string body,
                              std::vector<objproc::http::header> headers = {}) {
  headers.push_back({"x-oss-request-id", "RID-" + std::to_string(status)});
  return objproc::http::response{status, std::move(headers), std::move(body)};
}

/// Replays scripted results and records every request it was asked to send.
struct scripted_transport {
  std::deque<objproc::result<objproc::http::response>> script;
  std::vector<objproc::http::request> sent;
  objproc::result<objproc::http::response> send(const objproc::http::request& r) {
    sent.push_back(r);
    REQUIRE_FALSE(script.empty());
    auto next = std::move(script.front());
    script.pop_front();
    return next;
  }
};
static_assert(objproc::transport<scripted_transport>);

/// A clock that only moves when told to.
struct fake_clock {
  sys_seconds* time;
  [[nodiscard]] sys_seconds now() const noexcept { return *time; }
};
static_assert(objproc::signing_clock<fake_clock>);

std::vector<milliseconds> slept;  // what the client asked to wait, in order
void record_sleep(milliseconds d) { slept.push_back(d); }

objproc::client_options options(int attempts = 3) {
  objproc::client_options o;
  o.retry.max_attempts = attempts;
  o.jitter_seed = 42;
  o.sleep = &record_sleep;
  return o;
}

objproc::error failure(errc code) { return objproc::error{code, objproc::error::no_offset, "t"}; }

const objproc::owned_credentials keys("LTAI5tExampleAK", "ExampleSecretKey123");
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
ci::endpoint guangzhou() { return ci::endpoint::for_region("ap-guangzhou").value(); }

oss::process_object seed_process() {
  return oss::process_object{
      .bucket = "examplebucket",
      .key = "exampledir/example.jpg",
      .process = oss::image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100}.str()};
}
oss::async_process_object seed_async() {
  return oss::async_process_object{
      .bucket = "examplebucket",
      .key = "video.mp4",
      .process = oss::parse_style("video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA/"
                                  "notify,topic_dG9waWM")
                     .value()};
}

template <class Transport>
auto make_client(Transport t, sys_seconds* time, objproc::client_options o = options()) {
  return objproc::client(std::move(t), objproc::crypto::portable{},
                         objproc::static_credentials(keys), o, fake_clock{time});
}

}  // namespace

TEST_CASE("client: the archetypes fit the client's requirements", "[client]") {
  using sync_client = objproc::client<archetypes::transport, objproc::crypto::portable,
                                      archetypes::credentials_provider>;
  using async_client = objproc::client<archetypes::async_transport, objproc::crypto::portable,
                                       archetypes::credentials_provider>;
  STATIC_REQUIRE(sizeof(sync_client) > 0);
  STATIC_REQUIRE(sizeof(async_client) > 0);
  sys_seconds time{seconds{1795248000}};
  auto c = make_client(archetypes::transport(0), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::transport_failed);
  CHECK(done.attempts() == 3);  // transport_failed happens after sending: retried
}

TEST_CASE("client: one attempt signs, sends exactly the descriptor and parses", "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  t.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.has_value());
  CHECK(done.value().object == "dest.jpg");
  CHECK(done.value().file_size == 3267);
  CHECK(done.value().request_id == "RID-200");
  CHECK(done.attempts() == 1);
  CHECK(done.status() == 200);
  CHECK(done.request_id() == "RID-200");
  CHECK(slept.empty());
  // The request sent is the one oss::sign makes for the same inputs (golden in signing.json).
  const auto& sent = c.transport_ref().sent;
  REQUIRE(sent.size() == 1);
  const auto expected = oss::sign(*seed_process().prepare(hangzhou()), keys.oss(), time,
                                  objproc::crypto::portable{});
  REQUIRE(expected.has_value());
  CHECK(sent[0].to_string() == expected->to_string());
  CHECK(sent[0].header("Authorization") ==
        "OSS4-HMAC-SHA256 Credential=LTAI5tExampleAK/20261121/cn-hangzhou/oss/aliyun_v4_request,"
        "Signature=3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff");
}

TEST_CASE("client: 503 then 200 is retried with a re-signed request and a jittered delay",
          "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  t.script.push_back(reply(503, oss_error_xml("ServiceUnavailable")));
  t.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.has_value());
  CHECK(done.attempts() == 2);
  REQUIRE(slept.size() == 1);
  CHECK(slept[0] >= milliseconds{0});
  CHECK(slept[0] < milliseconds{200});  // full jitter under base for the first retry
  CHECK(c.transport_ref().sent.size() == 2);
}

TEST_CASE("client: retries stop at max_attempts and return the last service error",
          "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  for (int i = 0; i < 3; ++i) t.script.push_back(reply(500, oss_error_xml("InternalError")));
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE_FALSE(done.has_value());
  REQUIRE(done.service_error() != nullptr);
  CHECK(done.service_error()->code == "InternalError");
  CHECK(done.service_error()->status == 500);
  CHECK(done.status() == 500);
  CHECK(done.attempts() == 3);
  CHECK(done.as_error().code == errc::service_error);
  CHECK(slept.size() == 2);
  CHECK(slept[1] < milliseconds{400});  // second retry: ceiling 2 x base
}

TEST_CASE("client: 429 waits at least Retry-After; 403 and 404 are not retried", "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  t.script.push_back(reply(429, oss_error_xml("TooManyRequests"), {{"Retry-After", "2"}}));
  t.script.push_back(reply(403, oss_error_xml("AccessDenied")));
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.service_error() != nullptr);
  CHECK(done.service_error()->code == "AccessDenied");
  CHECK(done.attempts() == 2);
  REQUIRE(slept.size() == 1);
  CHECK(slept[0] == milliseconds{2000});
}

TEST_CASE("client: network failures are retried; a malformed success body is not", "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  t.script.push_back(failure(errc::connection_failed));
  t.script.push_back(failure(errc::timed_out));
  t.script.push_back(reply(200, "{\"bucket\": \"\""));  // cut short
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::invalid_json);
  CHECK(done.attempts() == 3);
  CHECK(done.status() == 200);
}

TEST_CASE("client: a rejected signing time corrects the clock and succeeds", "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  // The server is 20 minutes ahead; OSS tells it in Date and <ServerTime>.
  const std::string server_date = "Sat, 21 Nov 2026 08:20:00 GMT";  // 1795248000 + 1200
  t.script.push_back(reply(403,
                           oss_error_xml("RequestTimeTooSkewed",
                                         "<ServerTime>2026-11-21T08:20:00.000Z</ServerTime>"),
                           {{"Date", server_date}}));
  t.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(std::move(t), &time);
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.has_value());
  CHECK(done.attempts() == 2);
  CHECK(c.clock_offset() == seconds{1200});
  CHECK(slept.empty());  // the time was wrong, not the load: no wait
  const auto& sent = c.transport_ref().sent;
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].header("x-oss-date") == "20261121T080000Z");
  CHECK(sent[1].header("x-oss-date") == "20261121T082000Z");
  CHECK(c.now() == time + seconds{1200});
}

TEST_CASE("client: the skew is also read from <ServerTime> when Date is missing", "[client]") {
  sys_seconds time{seconds{1795248000}};
  scripted_transport t;
  t.script.push_back(
      reply(400, "<Error><Code>InvalidArgument</Code><Message>Invalid signing date in "
                 "Authorization header.</Message><ServerTime>2026-11-21T07:00:00Z</ServerTime>"
                 "</Error>"));
  t.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(std::move(t), &time);
  REQUIRE(c.send(seed_process(), hangzhou()).has_value());
  CHECK(c.clock_offset() == seconds{-3600});
}

TEST_CASE("client: AsyncProcessObject is retried only when it never reached the service",
          "[client]") {
  slept.clear();
  sys_seconds time{seconds{1795248000}};
  SECTION("connection refused, then accepted") {
    scripted_transport t;
    t.script.push_back(failure(errc::connection_failed));
    t.script.push_back(reply(200, std::string(async_json)));
    auto c = make_client(std::move(t), &time);
    const auto done = c.send(seed_async(), hangzhou());
    REQUIRE(done.has_value());
    CHECK(done.value().task_id == "MediaConvert-5a3");
    CHECK(done.value().event_id == "181-1kZ");
    CHECK(done.value().process_request_id == "1D99637F");
    CHECK(done.attempts() == 2);
  }
  SECTION("a 503, a timeout or a reset after sending: not retried by default") {
    for (auto first : {objproc::result<objproc::http::response>(
                           reply(503, oss_error_xml("ServiceUnavailable"))),
                       objproc::result<objproc::http::response>(failure(errc::timed_out)),
                       objproc::result<objproc::http::response>(
                           failure(errc::transport_failed))}) {
      scripted_transport t;
      t.script.push_back(first);
      auto c = make_client(std::move(t), &time);
      const auto done = c.send(seed_async(), hangzhou());
      CHECK_FALSE(done.has_value());
      CHECK(done.attempts() == 1);
      CHECK(c.transport_ref().sent.size() == 1);
    }
  }
  SECTION("opting in retries after sending") {
    scripted_transport t;
    t.script.push_back(failure(errc::timed_out));
    t.script.push_back(reply(200, std::string(async_json)));
    auto o = options();
    o.retry.retry_async_after_send = true;
    auto c = make_client(std::move(t), &time, o);
    CHECK(c.send(seed_async(), hangzhou()).attempts() == 2);
  }
}

TEST_CASE("client: invalid input fails before anything is sent", "[client]") {
  sys_seconds time{seconds{1795248000}};
  auto c = make_client(scripted_transport{}, &time);
  auto op = seed_process();
  op.bucket = "Bad_Bucket";
  const auto done = c.send(op, hangzhou());
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::invalid_bucket_name);
  CHECK(done.attempts() == 0);
  CHECK(c.transport_ref().sent.empty());
}

TEST_CASE("client: missing credentials are an error, never an unsigned request", "[client]") {
  struct empty_provider {
    objproc::result<objproc::owned_credentials> get() {
      return objproc::error{errc::missing_credentials, objproc::error::no_offset, "none"};
    }
  };
  sys_seconds time{seconds{1795248000}};
  objproc::client c(scripted_transport{}, objproc::crypto::portable{}, empty_provider{},
                    options(), fake_clock{&time});
  const auto done = c.send(seed_process(), hangzhou());
  REQUIRE(done.failure() != nullptr);
  CHECK(done.failure()->code == errc::missing_credentials);
  CHECK(c.transport_ref().sent.empty());
}

TEST_CASE("client: COS ci_image_process parses the UploadResult and the COS error", "[client]") {
  sys_seconds time{seconds{1795248000}};
  const ci::ci_image_process op{
      .bucket = "examplebucket-1250000000",
      .key = "a.jpg",
      .operations = {.is_pic_info = true,
                     .rules = {{.fileid = "out.png", .rule = "imageView2/format/png"}}}};
  SECTION("success") {
    scripted_transport t;
    t.script.push_back(reply(200, std::string(upload_xml)));
    auto c = make_client(std::move(t), &time);
    const auto done = c.send(op, guangzhou());
    REQUIRE(done.has_value());
    CHECK(done.value().original.key == "a.jpg");
    const auto& sent = c.transport_ref().sent;
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].header("Authorization")->starts_with("q-sign-algorithm=sha1&q-ak=LTAI5tEx"));
  }
  SECTION("RequestTimeTooSkewed from COS: offset from Date, then success") {
    scripted_transport t;
    t.script.push_back(reply(403,
                             "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference "
                             "between the request time and the server's time is too large."
                             "</Message></Error>",
                             {{"Date", "Sat, 21 Nov 2026 07:30:00 GMT"}}));
    t.script.push_back(reply(200, std::string(upload_xml)));
    auto c = make_client(std::move(t), &time);
    CHECK(c.send(op, guangzhou()).has_value());
    CHECK(c.clock_offset() == seconds{-1800});
  }
  SECTION("a body that is not the vendor's error document still gives the status") {
    scripted_transport t;
    t.script.push_back(reply(404, "<html>not found</html>"));
    auto c = make_client(std::move(t), &time);
    const auto done = c.send(op, guangzhou());
    REQUIRE(done.service_error() != nullptr);
    CHECK(done.service_error()->code.empty());
    CHECK(done.status() == 404);
  }
}

TEST_CASE("client: a streaming body is retried only when it was never sent", "[client]") {
  sys_seconds time{seconds{1795248000}};
  struct source_state {
    std::size_t left = 4;
  } state;
  const objproc::http::body_source source{
      .size = 4, .context = &state, .read = [](void* ctx, std::span<std::byte> out) noexcept {
        auto* s = static_cast<source_state*>(ctx);
        const std::size_t n = std::min(s->left, out.size());
        s->left -= n;
        return n;
      }};
  const ci::ci_put_object op{
      .bucket = "examplebucket-1250000000",
      .key = "a.jpg",
      .operations = {.is_pic_info = false,
                     .rules = {{.fileid = "o.png", .rule = "imageView2/format/png"}}},
      .body_source = source};
  scripted_transport t;
  t.script.push_back(reply(503, "<Error><Code>ServiceUnavailable</Code></Error>"));
  auto c = make_client(std::move(t), &time);
  CHECK(c.send(op, guangzhou()).attempts() == 1);
}

namespace {

/// A single-threaded fake event loop: completions and timers run from run(), in time order.
struct loop_transport {
  struct task {
    milliseconds at;
    std::function<void()> fn;
  };
  std::deque<objproc::result<objproc::http::response>> script;
  std::vector<objproc::http::request> sent;
  std::vector<task> tasks;
  milliseconds clock{0};
  bool inside_async_send = false;

  void async_send(const objproc::http::request& r, objproc::http::completion done) {
    inside_async_send = true;
    sent.push_back(r);
    auto next = std::move(script.front());
    script.pop_front();
    tasks.push_back({clock, [this, done = std::move(done), next = std::move(next)]() mutable {
                       REQUIRE_FALSE(inside_async_send);
                       done(std::move(next));
                     }});
    inside_async_send = false;
  }
  void schedule_after(milliseconds delay, std::function<void()> fn) {
    tasks.push_back({clock + delay, std::move(fn)});
  }
  void run() {
    while (!tasks.empty()) {
      auto first = std::min_element(tasks.begin(), tasks.end(),
                                    [](const task& a, const task& b) { return a.at < b.at; });
      task t = std::move(*first);
      tasks.erase(first);
      clock = std::max(clock, t.at);
      t.fn();
    }
  }
};
static_assert(objproc::async_transport<loop_transport> && objproc::async_timer<loop_transport>);

}  // namespace

TEST_CASE("client: the asynchronous form retries on the loop's timer", "[client][async]") {
  sys_seconds time{seconds{1795248000}};
  loop_transport t;
  t.script.push_back(reply(503, oss_error_xml("ServiceUnavailable")));
  t.script.push_back(reply(200, std::string(process_json)));
  auto c = make_client(std::move(t), &time);
  int calls = 0;
  c.async_send(seed_process(), hangzhou(), [&](auto done) {
    ++calls;
    REQUIRE(done.has_value());
    CHECK(done.value().object == "dest.jpg");
    CHECK(done.attempts() == 2);
  });
  CHECK(calls == 0);  // never from inside async_send
  c.transport_ref().run();
  CHECK(calls == 1);
  CHECK(c.transport_ref().sent.size() == 2);
}

TEST_CASE("client: the asynchronous form reports invalid input from the loop", "[client][async]") {
  sys_seconds time{seconds{1795248000}};
  auto c = make_client(loop_transport{}, &time);
  auto op = seed_process();
  op.key = "/absolute.jpg";
  int calls = 0;
  c.async_send(op, hangzhou(), [&](auto done) {
    ++calls;
    REQUIRE(done.failure() != nullptr);
    CHECK(done.failure()->code == errc::invalid_object_key);
  });
  CHECK(calls == 0);
  c.transport_ref().run();
  CHECK(calls == 1);
}

TEST_CASE("client: presign uses the provider's keys and the corrected clock", "[client]") {
  sys_seconds time{seconds{1795248000}};
  auto c = make_client(scripted_transport{}, &time);
  const auto url = c.presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"},
                             hangzhou());
  REQUIRE(url.has_value());
  const auto direct = oss::presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg"},
                                   hangzhou(), keys.oss(), time, objproc::crypto::portable{});
  CHECK(*url == *direct);
  const auto cos_url =
      c.presign(ci::presign_get{.bucket = "examplebucket-1250000000", .key = "a.jpg"}, guangzhou());
  REQUIRE(cos_url.has_value());
  CHECK(cos_url->find("q-sign-algorithm=sha1") != std::string::npos);
}

namespace {
struct counted_node final : objproc::detail::ref_counted {
  explicit counted_node(int& destroyed) : destroyed_(destroyed) {}
  ~counted_node() override { ++destroyed_; }
  int& destroyed_;
};
}  // namespace

TEST_CASE("detail::ref_ptr: the last reference deletes the object, once", "[client]") {
  using objproc::detail::ref_ptr;
  int destroyed = 0;
  {
    ref_ptr<counted_node> a(new counted_node(destroyed));
    ref_ptr<counted_node> b = a;  // copy
    ref_ptr<counted_node> c(a.get());  // another reference from the raw pointer (as from `this`)
    ref_ptr<counted_node> d = std::move(b);
    CHECK_FALSE(b);  // NOLINT(bugprone-use-after-move): specified empty
    a = ref_ptr<counted_node>();
    c = d;
    auto& same = c;
    c = same;  // self-assignment keeps the reference
    CHECK(destroyed == 0);
    CHECK(d.get() == c.get());
  }
  CHECK(destroyed == 1);
}
