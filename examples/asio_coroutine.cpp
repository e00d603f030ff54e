// SPDX-License-Identifier: MIT
// ProcessObject, the OSS seed, from a Boost.Asio coroutine: objproc::client over
// objproc::beast::transport (HTTP/1.1 and TLS on an io_context), awaited with
// asio::use_awaitable. Retries, backoff and clock-skew correction run on the io_context.
//
//   example_asio_coroutine --region cn-hangzhou --bucket examplebucket
//       --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100
//       --target_image exampledir/resized.jpg [--target_bucket targetbucket]
//       [--endpoint https://oss-cn-hangzhou.aliyuncs.com] [--send] [--timeout-ms 30000]
//
// Without --send it prints the signed request, secrets redacted (a dry run). With --send it needs
// OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (OSS_SESSION_TOKEN) and sends to the region's
// endpoint, or to --endpoint (http:// or https://; certificates are verified).
//
// Boost 1.74 enables Asio's own coroutines (asio::awaitable) for GCC only; elsewhere this example
// awaits with the library's awaitable instead (objproc/coro.hpp), which needs no Asio support.
#include <utility>  // first: Boost 1.74's asio/awaitable.hpp uses std::exchange without it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "example.hpp"
#include "objproc/adapters/beast.hpp"
#include "objproc/coro.hpp"

namespace asio = boost::asio;
namespace oss = objproc::oss;

namespace {

/// Prints the outcome as examples/process_object.cpp prints the response; the exit code.
template <class Outcome>
int report(const Outcome& done) {
  if (done.status() != 0)
    std::printf("status code: %d\nrequest id: %.*s\n", done.status(),
                static_cast<int>(done.request_id().size()), done.request_id().data());
  if (const auto* e = done.service_error()) {
    std::printf("error: %s: %s\n", e->code.c_str(), e->message.c_str());
    return 1;
  }
  if (const auto* e = done.failure()) return example::fail("send", *e);
  const auto& result = done.value();
  std::printf("bucket: %s\nfile size: %llu\nkey: %s\nprocess status: %s\n", result.bucket.c_str(),
              static_cast<unsigned long long>(result.file_size), result.object.c_str(),
              result.status.c_str());
  return 0;
}

#if !defined(BOOST_ASIO_HAS_CO_AWAIT)
/// A coroutine that starts at once and frees itself at the end (for the library's awaitable).
struct detached_task {
  struct promise_type {
    detached_task get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};
#endif

}  // namespace

int main(int argc, char** argv) {
  const example::flags f{argc, argv};
  const std::string region = f.get("--region", "cn-hangzhou");
  const std::string bucket = f.get("--bucket", "examplebucket");
  const std::string key = f.get("--key", "exampledir/example.jpg");
  const std::string text = f.get("--style", "image/resize,m_fixed,w_100,h_100");
  const std::string target_image = f.get("--target_image", "exampledir/resized.jpg");
  const std::string target_bucket = f.get("--target_bucket", "targetbucket");
  const std::string endpoint_text = f.get("--endpoint", "");
  const long timeout_ms = std::strtol(f.get("--timeout-ms", "30000").c_str(), nullptr, 10);

  const auto style = oss::parse_style(text);
  if (!style) {
    std::puts(objproc::render_diagnostic(text, style.error()).c_str());
    return 1;
  }
  const oss::process_object op{
      .bucket = bucket,
      .key = key,
      .process = *style | oss::save_as{.bucket = target_bucket, .key = target_image}};

  // The region's endpoint, or the given one signed for the region (V4 needs it).
  auto endpoint = endpoint_text.empty()
                      ? oss::endpoint::for_region(region)
                      : oss::endpoint::custom(endpoint_text).and_then([&](const oss::endpoint& e) {
                          return e.with_region(region);
                        });
  if (!endpoint)
    return example::fail(endpoint_text.empty() ? "--region" : "--endpoint", endpoint.error());

  const example::keys keys = example::load_keys(true);
  if (!f.has("--send")) {  // the dry run: what the client's first attempt would send
    const auto prepared = op.prepare(*endpoint);
    if (!prepared) return example::fail("process_object", prepared.error());
    const auto request =
        oss::sign(*prepared, keys.credentials.oss(), example::now(), objproc::crypto::portable{});
    if (!request) return example::fail("sign", request.error());
    std::fprintf(stderr, "== dry run; --send sends it ==\n");
    example::show(*request);
    return 0;
  }
  if (!keys.from_environment) {
    std::fprintf(stderr, "--send needs OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET\n");
    return 1;
  }

  asio::io_context io;
  objproc::beast::options options;
  options.timeout = std::chrono::milliseconds(timeout_ms);
  objproc::beast::transport http(io.get_executor(), options);
  objproc::client client(std::ref(http), objproc::crypto::portable{},
                         objproc::oss_environment_provider{});
  int exit_code = 1;
#if defined(BOOST_ASIO_HAS_CO_AWAIT)
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        exit_code = report(
            co_await objproc::beast::async_send(client, op, *endpoint, asio::use_awaitable));
      },
      asio::detached);
#else
  // Named: a coroutine lambda's captures live in the closure, which must outlive io.run().
  auto send = [&]() -> detached_task {
    exit_code = report(co_await objproc::async_send(client, op, *endpoint));
  };
  send();
#endif
  io.run();
  return exit_code;
}
