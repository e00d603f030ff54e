// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/response.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace {

namespace http = objproc::http;
using objproc::errc;

// Request-id headers as a vendor's traits list them (first_header knows no vendor).
constexpr std::string_view id_headers[] = {"x-oss-request-id", "x-cos-request-id"};

}  // namespace

TEST_CASE("parse_status_line", "[http][response]") {
  CHECK(http::parse_status_line("HTTP/1.1 200 OK") == objproc::result<int>(200));
  CHECK(http::parse_status_line("HTTP/1.1 404 Not Found\r\n") == objproc::result<int>(404));
  CHECK(http::parse_status_line("HTTP/1.0 204") == objproc::result<int>(204));
  CHECK(http::parse_status_line("HTTP/2 403 ") == objproc::result<int>(403));
  STATIC_REQUIRE(*http::parse_status_line("HTTP/1.1 503 Slow Down") == 503);

  struct bad {
    std::string_view line;
    std::size_t offset;
  };
  for (const bad& b :
       {bad{"", 0}, bad{"HTTP1.1 200 OK", 0}, bad{"http/1.1 200 OK", 0}, bad{"HTTP/x 200", 5},
        bad{"HTTP/1. 200", 7}, bad{"HTTP/1.1  200", 9}, bad{"HTTP/1.1 20", 11},
        bad{"HTTP/1.1 2000", 12}, bad{"HTTP/1.1 099 x", 9}, bad{"HTTP/1.1 600 x", 9},
        bad{"HTTP/1.1 200\tOK", 12}, bad{std::string_view("HTTP/1.1 200 O\0K", 16), 14}}) {
    INFO(b.line);
    const auto r = http::parse_status_line(b.line);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_http_response);
    CHECK(r.error().offset == b.offset);
  }
}

TEST_CASE("parse_header_line", "[http][response]") {
  const auto h = http::parse_header_line("X-Oss-Request-Id: \t5C3D9175B6FC201293AD4890 \r\n");
  REQUIRE(h.has_value());
  CHECK(h->name == "X-Oss-Request-Id");
  CHECK(h->value == "5C3D9175B6FC201293AD4890");
  CHECK(http::parse_header_line("Empty:")->value.empty());
  CHECK(http::parse_header_line("no colon").error().code == errc::invalid_http_response);
  CHECK(http::parse_header_line("Bad Name: v").error().code == errc::invalid_header_name);
  CHECK(http::parse_header_line("Bad Name: v").error().offset == 3);
  const auto nul = http::parse_header_line(std::string_view("X: a\0b", 6));
  CHECK(nul.error().code == errc::invalid_header_value);
  CHECK(nul.error().offset == 4);
  CHECK(http::parse_header_line("X: a\rb").error().offset == 4);
  CHECK(http::parse_header_line("X: a\x01").error().offset == 4);
}

TEST_CASE("parse_response_head: valid heads", "[http][response]") {
  const std::string_view head =
      "HTTP/1.1 200 OK\r\n"
      "Server: AliyunOSS\r\n"
      "Content-Type: application/json\r\n"
      "x-oss-request-id: 5C3D9175B6FC201293AD4890\r\n"
      "Content-Length: 2\r\n"
      "\r\n";
  const std::string text = std::string(head) + "{}";
  http::response r;
  const auto n = http::parse_response_head(text, r);
  REQUIRE(n.has_value());
  CHECK(*n == head.size());
  CHECK(r.status == 200);
  REQUIRE(r.headers.size() == 4);
  CHECK(r.headers[0].name == "Server");
  CHECK(r.header("content-type") == std::optional<std::string_view>("application/json"));
  CHECK_FALSE(r.header("x-cos-request-id").has_value());
  CHECK(http::first_header(r, id_headers) ==
        std::optional<std::string_view>("5C3D9175B6FC201293AD4890"));
  r.body = text.substr(*n);
  CHECK(r.body == "{}");

  // Bare LF line ends, interim 100 Continue skipped, COS request id.
  const auto cos = http::parse_response_head(
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 400 Bad Request\n"
      "x-cos-request-id: NjA1Y2Y=\n"
      "\n");
  REQUIRE(cos.has_value());
  CHECK(cos->status == 400);
  CHECK(http::first_header(*cos, id_headers) == std::optional<std::string_view>("NjA1Y2Y="));
  CHECK(cos->body.empty());

  const auto none = http::parse_response_head("HTTP/1.1 204 No Content\r\n\r\n");
  REQUIRE(none.has_value());
  CHECK(none->headers.empty());
  CHECK_FALSE(http::first_header(*none, id_headers).has_value());
}

TEST_CASE("first_header: the first of the names, in the order of the names", "[http][response]") {
  const http::response r{200, {{"X-CI-Request-Id", "ci"}, {"x-cos-request-id", "cos"}}, ""};
  constexpr std::string_view cos_first[] = {"x-cos-request-id", "x-ci-request-id"};
  constexpr std::string_view ci_first[] = {"x-ci-request-id", "x-cos-request-id"};
  CHECK(http::first_header(r, cos_first) == std::optional<std::string_view>("cos"));
  CHECK(http::first_header(r, ci_first) == std::optional<std::string_view>("ci"));
  CHECK_FALSE(http::first_header(r, {}).has_value());
}

TEST_CASE("parse_response_head: malformed heads refused with offsets", "[http][response]") {
  struct bad {
    std::string_view head;
    errc code;
    std::size_t offset;
  };
  for (const bad& b : {
           bad{"", errc::invalid_http_response, 0},
           bad{"HTTP/1.1 200 OK\r\n", errc::invalid_http_response, 17},  // no blank line
           bad{"HTTP/1.1 200 OK\r\nA: b\r\n", errc::invalid_http_response, 23},
           bad{"HTTP/1.1 2x0 OK\r\n\r\n", errc::invalid_http_response, 10},
           bad{"HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n", errc::invalid_http_response, 21},
           bad{"HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", errc::invalid_http_response, 23},
           bad{"HTTP/1.1 200 OK\r\nA b: c\r\n\r\n", errc::invalid_header_name, 18},
           bad{"HTTP/1.1 200 OK\r\nA : c\r\n\r\n", errc::invalid_header_name, 18},
           bad{"HTTP/1.1 200 OK\r\nnocolon\r\n\r\n", errc::invalid_http_response, 24},
           bad{std::string_view("HTTP/1.1 200 OK\r\nA: \0\r\n\r\n", 25), errc::invalid_header_value,
               20},
       }) {
    INFO(b.head);
    http::response r;
    r.status = 7;
    const auto n = http::parse_response_head(b.head, r);
    REQUIRE_FALSE(n.has_value());
    CHECK(n.error().code == b.code);
    CHECK(n.error().offset == b.offset);
    CHECK(r.status == 7);  // untouched on error
  }
}
