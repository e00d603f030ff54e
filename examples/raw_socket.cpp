// SPDX-License-Identifier: MIT
// ProcessObject, the OSS seed, sent by a transport that owns its socket: POSIX sockets,
// non-blocking with poll(), plain HTTP (no TLS). The library writes the request's exact bytes
// (http::write_wire) and reads the answer incrementally (http::response_parser); the socket,
// the event loop and the timeouts are this file's.
//
//   example_raw_socket --region cn-hangzhou --bucket examplebucket
//       --key exampledir/example.jpg --style image/resize,m_fixed,w_100,h_100
//       --target_image exampledir/resized.jpg [--target_bucket targetbucket]
//       [--endpoint http://127.0.0.1:8080] [--send] [--timeout-ms 30000]
//
// Without --send it prints the request as it would go on the wire, secrets redacted
// (to_string(), which matches the wire form byte for byte but for the redaction). With --send
// it needs OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (OSS_SESSION_TOKEN) and an http://
// endpoint: --endpoint, an OSS-compatible server reachable without TLS (e.g. an emulator or the
// loopback server of tests/interop). Name resolution uses getaddrinfo, which blocks.
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "example.hpp"

namespace http = objproc::http;
namespace oss = objproc::oss;
using steady = std::chrono::steady_clock;

namespace {

/// A socket descriptor, closed when it goes out of scope.
class socket_fd {
 public:
  socket_fd() = default;
  explicit socket_fd(int fd) noexcept : fd_(fd) {}
  socket_fd(socket_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  socket_fd& operator=(socket_fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  socket_fd(const socket_fd&) = delete;
  socket_fd& operator=(const socket_fd&) = delete;
  ~socket_fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_ = -1;
};

objproc::error failure(objproc::errc code, std::string_view detail, int native = 0) {
  return objproc::error{code, objproc::error::no_offset, detail, native};
}

/// Milliseconds left until `deadline`, for poll() (0 once passed).
int remaining_ms(steady::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
  if (left.count() <= 0) return 0;
  return left.count() > 1000000 ? 1000000 : static_cast<int>(left.count());
}

/// Waits until `fd` is ready for `events`: true, or false at the deadline. errno on failure.
objproc::result<bool> wait_for(int fd, short events, steady::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return failure(objproc::errc::transport_failed, "poll failed", errno);
  }
}

/// "host", "host:port", "[v6]:port" -> host and port (80 by default: plain HTTP).
std::pair<std::string, std::string> split_host_port(std::string_view host) {
  std::string_view name = host;
  std::string_view port = "80";
  const std::size_t bracket = host.front() == '[' ? host.find(']') : std::string_view::npos;
  const std::size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    name = host.substr(0, colon);
    port = host.substr(colon + 1);
  }
  if (name.size() >= 2 && name.front() == '[') name = name.substr(1, name.size() - 2);
  return {std::string(name), std::string(port)};
}

/// Connects without blocking past the deadline: each resolved address in turn.
objproc::result<socket_fd> connect_to(std::string_view host, steady::time_point deadline) {
  const auto [name, port] = split_host_port(host);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(name.c_str(), port.c_str(), &hints, &found); rc != 0)
    return failure(objproc::errc::connection_failed, "cannot resolve the host", rc);
  objproc::error last = failure(objproc::errc::connection_failed, "no address to connect to");
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    socket_fd s(::socket(a->ai_family, a->ai_socktype, a->ai_protocol));
    if (s.get() < 0) {
      last = failure(objproc::errc::connection_failed, "socket failed", errno);
      continue;
    }
    const int flags = ::fcntl(s.get(), F_GETFL, 0);
    if (flags < 0 || ::fcntl(s.get(), F_SETFL, flags | O_NONBLOCK) < 0 ||
        ::fcntl(s.get(), F_SETFD, FD_CLOEXEC) < 0) {
      last = failure(objproc::errc::connection_failed, "fcntl failed", errno);
      continue;
    }
    if (::connect(s.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last = failure(objproc::errc::connection_failed, "connect failed", errno);
        continue;
      }
      const auto ready = wait_for(s.get(), POLLOUT, deadline);
      if (!ready || !*ready) {
        last = failure(objproc::errc::connection_failed, "connect timed out");
        break;  // the deadline is the same for the other addresses
      }
      int error = 0;
      socklen_t size = sizeof error;
      if (::getsockopt(s.get(), SOL_SOCKET, SO_ERROR, &error, &size) != 0 || error != 0) {
        last = failure(objproc::errc::connection_failed, "connect failed", error);
        continue;
      }
    }
    ::freeaddrinfo(found);
    return s;
  }
  ::freeaddrinfo(found);
  return last;
}

/// Writes all of `bytes`, waiting for room with poll().
objproc::result<void> send_all(int fd, std::span<const char> bytes, steady::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), 0);
    if (n > 0) {
      bytes = bytes.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      const auto ready = wait_for(fd, POLLOUT, deadline);
      if (!ready) return ready.error();
      if (!*ready) return failure(objproc::errc::timed_out, "timed out while sending");
      continue;
    }
    return failure(objproc::errc::transport_failed, "send failed", errno);
  }
  return {};
}

/// One request on a fresh connection: the wire bytes out, the response parsed as it comes in.
objproc::result<http::response> exchange(const http::request& request,
                                         std::chrono::milliseconds timeout) {
  if (request.scheme() != "http")
    return failure(objproc::errc::invalid_scheme, "this example speaks plain HTTP only");
  const steady::time_point deadline = steady::now() + timeout;
  auto connection = connect_to(request.host(), deadline);
  if (!connection) return connection.error();
  const int fd = connection->get();

  // The head and an owned body in one buffer; a body_source would follow, read piece by piece.
  std::string wire;
  if (auto ok = http::write_wire(request, wire); !ok) return ok.error();
  if (auto ok = send_all(fd, wire, deadline); !ok) return ok.error();
  if (const auto* source = std::get_if<http::body_source>(&request.body())) {
    http::body_stream body(*source);
    std::array<std::byte, 16384> piece{};
    while (!body.done()) {
      const auto n = body.read(piece);
      if (!n) return n.error();
      const std::span<const std::byte> bytes = std::span(piece).first(*n);
      const std::span<const char> chars(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      if (auto ok = send_all(fd, chars, deadline); !ok) return ok.error();
    }
  }

  http::response_parser parser(
      http::response_parser::options{.head_request = request.method() == http::method::head});
  std::array<char, 16384> buffer{};
  for (;;) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        return failure(objproc::errc::transport_failed, "recv failed", errno);
      const auto ready = wait_for(fd, POLLIN, deadline);
      if (!ready) return ready.error();
      if (!*ready) return failure(objproc::errc::timed_out, "timed out waiting for the response");
      continue;
    }
    if (n == 0) {  // the server closed: ends a body read to the close, truncates anything else
      parser.finish();
      break;
    }
    std::span<const char> piece(buffer.data(), static_cast<std::size_t>(n));
    while (!piece.empty()) {
      const auto step = parser.feed(piece);
      piece = piece.subspan(step.consumed);
      if (step.state == http::parse_state::complete || step.state == http::parse_state::error)
        break;
    }
    if (parser.state() == http::parse_state::complete || parser.state() == http::parse_state::error)
      break;  // bytes after the response are not ours: the connection is closed anyway
  }
  if (parser.state() != http::parse_state::complete) return parser.failure();
  return parser.take();
}

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
  const oss::style process = *style | oss::save_as{.bucket = target_bucket, .key = target_image};

  // The region's endpoint, or the given one signed for the region (V4 needs it).
  auto endpoint = endpoint_text.empty()
                      ? oss::endpoint::for_region(region)
                      : oss::endpoint::custom(endpoint_text).and_then([&](const oss::endpoint& e) {
                          return e.with_region(region);
                        });
  if (!endpoint)
    return example::fail(endpoint_text.empty() ? "--region" : "--endpoint", endpoint.error());
  const auto prepared =
      oss::process_object{.bucket = bucket, .key = key, .process = process}.prepare(*endpoint);
  if (!prepared) return example::fail("process_object", prepared.error());

  const bool send = f.has("--send");
  const example::keys keys = example::load_keys(true);
  const auto request =
      oss::sign(*prepared, keys.credentials.oss(), example::now(), objproc::crypto::portable{});
  if (!request) return example::fail("sign", request.error());

  const auto size = http::wire_size(*request);
  if (!size) return example::fail("wire", size.error());
  if (!send) {
    std::fprintf(stderr, "== dry run: %zu bytes to %.*s; --send sends them ==\n", *size,
                 static_cast<int>(request->host().size()), request->host().data());
    std::printf("%s\n", request->to_string().c_str());
    return 0;
  }
  if (!keys.from_environment) {
    std::fprintf(stderr, "--send needs OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET\n");
    return 1;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a peer that closes early is an error, not the end
  const auto response = exchange(*request, std::chrono::milliseconds(timeout_ms));
  if (!response) return example::fail("send", response.error());

  const std::string request_id(response->header("x-oss-request-id").value_or(""));
  std::printf("status code: %d\nrequest id: %s\n", response->status, request_id.c_str());
  if (response->status != 200) {
    const auto e = oss::parse_error(response->body, response->status);
    if (e) std::printf("error: %s: %s\n", e->code.c_str(), e->message.c_str());
    return 1;
  }
  const auto result = oss::parse_process_result(response->body, request_id);
  if (!result) return example::fail("response", result.error());
  std::printf("bucket: %s\nfile size: %llu\nkey: %s\nprocess status: %s\n", result->bucket.c_str(),
              static_cast<unsigned long long>(result->file_size), result->object.c_str(),
              result->status.c_str());
  return 0;
}
