// SPDX-License-Identifier: MIT
// Concurrent signed requests over keep-alive, objproc::beast::transport against
// objproc::curl::multi_transport, through objproc::client::async_send (V4 signing with the key
// cache, the retry machinery, parsing): requests per second and peak memory. See
// bench/README.md, "Concurrent requests".
//
//   objproc_loopback_bench server PORT_FILE          a minimal keep-alive HTTP/1.1 server
//                                                    (Asio, one thread; no signature check)
//   objproc_loopback_bench beast|curl URL [CONCURRENCY [ROUNDS]]
//       ROUNDS rounds (default 5) of CONCURRENCY (default 1000) ProcessObject requests started
//       at once; round 1 opens the connections, the later rounds reuse them. Prints one line.
// Each transport runs in its own process, so that the peak resident size is its own.
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "objproc/adapters/beast.hpp"
#include "objproc/adapters/curl.hpp"
#include "objproc/client.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"

namespace asio = boost::asio;
namespace oss = objproc::oss;
using steady = std::chrono::steady_clock;

namespace {

// --- the loopback server -------------------------------------------------------------------

constexpr std::string_view reply_body =
    R"({"bucket": "", "fileSize": 3267, "object": "dest.jpg", "status": "OK"})";

/// One connection: reads a head and its Content-Length body, answers, again until closed.
class session : public std::enable_shared_from_this<session> {
 public:
  explicit session(asio::ip::tcp::socket s) : socket_(std::move(s)) {
    reply_ = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "x-oss-request-id: 5C1B138A109F4E405B2D0001\r\nContent-Length: " +
             std::to_string(reply_body.size()) + "\r\n\r\n" + std::string(reply_body);
  }
  void start() { read_head(); }

 private:
  void read_head() {
    asio::async_read_until(socket_, asio::dynamic_buffer(in_), "\r\n\r\n",
                           [self = shared_from_this()](boost::system::error_code ec,
                                                       std::size_t head) {
                             if (!ec) self->on_head(head);
                           });
  }
  void on_head(std::size_t head) {
    std::size_t length = 0;
    const std::string_view text(in_.data(), head);
    for (std::size_t at = 0; (at = text.find('\n', at)) != std::string_view::npos;) {
      ++at;
      if (text.size() - at > 15 && objproc::http::detail::iequals(text.substr(at, 15),
                                                                  "content-length:"))
        length = std::strtoull(text.data() + at + 15, nullptr, 10);
    }
    need_ = head + length;
    read_body();
  }
  void read_body() {
    if (in_.size() >= need_) {
      in_.erase(0, need_);
      asio::async_write(socket_, asio::buffer(reply_),
                        [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                          if (!ec) self->read_head();
                        });
      return;
    }
    const std::size_t had = in_.size();
    in_.resize(need_);
    socket_.async_read_some(asio::buffer(in_.data() + had, need_ - had),
                            [self = shared_from_this(), had](boost::system::error_code ec,
                                                             std::size_t n) {
                              if (ec) return;
                              self->in_.resize(had + n);
                              self->read_body();
                            });
  }

  asio::ip::tcp::socket socket_;
  std::string in_;
  std::string reply_;
  std::size_t need_ = 0;
};

void accept(asio::ip::tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](boost::system::error_code ec, asio::ip::tcp::socket s) {
    if (!ec) {
      s.set_option(asio::ip::tcp::no_delay(true), ec);
      std::make_shared<session>(std::move(s))->start();
    }
    accept(acceptor);
  });
}

int serve(const char* port_file) {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
  acceptor.listen(4096);
  {
    std::ofstream out(port_file);
    out << acceptor.local_endpoint().port() << '\n';
  }
  accept(acceptor);
  io.run();
  return 0;
}

// --- the clients ----------------------------------------------------------------------------

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void raise_fd_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

oss::process_object seed() {
  return oss::process_object{
      .bucket = "examplebucket",
      .key = "exampledir/example.jpg",
      .process = oss::image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100} |
                 oss::save_as{.bucket = "examplebucket", .key = "exampledir/resized.jpg"}};
}

struct totals {
  int ok = 0;
  int failed = 0;
  std::string first_failure;
};

template <class Client, class RunLoop>
int measure(const char* name, Client& client, const oss::endpoint& where, int concurrency,
            int rounds, RunLoop run_loop) {
  const auto op = seed();
  const long baseline = peak_rss_kib();
  double cold = 0;
  double warm_seconds = 0;
  totals t;
  for (int round = 0; round < rounds; ++round) {
    const auto started = steady::now();
    for (int i = 0; i < concurrency; ++i)
      client.async_send(op, where, [&t](auto done) {
        if (done.has_value()) {
          ++t.ok;
          return;
        }
        if (++t.failed == 1)
          t.first_failure = done.failure() != nullptr ? objproc::to_string(*done.failure())
                                                      : "HTTP " + std::to_string(done.status());
      });
    run_loop();
    const std::chrono::duration<double> took = steady::now() - started;
    if (round == 0)
      cold = concurrency / took.count();
    else
      warm_seconds += took.count();
  }
  const double warm = rounds > 1 ? concurrency * (rounds - 1) / warm_seconds : cold;
  std::printf(
      "%-6s concurrency %d x %d rounds: %d ok, %d failed; first round %.0f req/s, "
      "kept-alive rounds %.0f req/s; peak RSS %ld KiB (%ld KiB before the first round)\n",
      name, concurrency, rounds, t.ok, t.failed, cold, warm, peak_rss_kib(), baseline);
  if (t.failed != 0) std::printf("       first failure: %s\n", t.first_failure.c_str());
  return t.failed == 0 ? 0 : 1;
}

objproc::client_options bench_options() {
  objproc::client_options o;
  o.retry.max_attempts = 1;  // a failure is counted, never hidden by a retry
  return o;
}

int run_beast(const oss::endpoint& where, int concurrency, int rounds) {
  asio::io_context io;
  objproc::beast::options o;
  o.max_idle_per_host = static_cast<std::size_t>(concurrency);
  o.timeout = std::chrono::seconds(60);
  o.connect_timeout = std::chrono::seconds(30);
  objproc::beast::transport http(io.get_executor(), o);
  objproc::client client(std::ref(http), objproc::crypto::portable{},
                         objproc::static_credentials(objproc::owned_credentials(
                             "LTAI5tExampleAK", "ExampleSecretKey123")),
                         bench_options());
  return measure("beast", client, where, concurrency, rounds, [&] {
    io.restart();
    io.run();
  });
}

int run_curl(const oss::endpoint& where, int concurrency, int rounds) {
  objproc::curl::options o;
  o.timeout = std::chrono::seconds(60);
  o.connect_timeout = std::chrono::seconds(30);
  objproc::curl::multi_transport loop(o);
  objproc::client client(std::ref(loop), objproc::crypto::portable{},
                         objproc::static_credentials(objproc::owned_credentials(
                             "LTAI5tExampleAK", "ExampleSecretKey123")),
                         bench_options());
  return measure("curl", client, where, concurrency, rounds, [&] { loop.run(); });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "server" && argc > 2) {
    raise_fd_limit();
    return serve(argv[2]);
  }
  if ((mode != "beast" && mode != "curl") || argc < 3) {
    std::fprintf(stderr,
                 "usage: %s server PORT_FILE | beast|curl URL [CONCURRENCY [ROUNDS]]\n", argv[0]);
    return 2;
  }
  raise_fd_limit();
  const int concurrency = argc > 3 ? std::atoi(argv[3]) : 1000;
  const int rounds = argc > 4 ? std::atoi(argv[4]) : 5;
  const auto where = oss::endpoint::custom(argv[2]).and_then(
      [](const oss::endpoint& e) { return e.with_region("cn-hangzhou"); });
  if (!where || concurrency <= 0 || rounds <= 0) {
    std::fprintf(stderr, "bad URL, concurrency or rounds\n");
    return 2;
  }
  return mode == "beast" ? run_beast(*where, concurrency, rounds)
                         : run_curl(*where, concurrency, rounds);
}
