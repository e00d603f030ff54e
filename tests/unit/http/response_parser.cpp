// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/http/response_parser.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace http = objproc::http;
using http::parse_state;
using objproc::errc;

/// The outcome of reading `bytes` in pieces of `step` bytes (0: all at once), then finish()
/// when `eof` and the message is not complete.
struct outcome {
  parse_state state = parse_state::need_more;
  http::response response;
  std::vector<http::header> trailers;
  objproc::error failure;
  std::size_t consumed = 0;
  bool saw_head_complete = false;
  http::body_framing framing = http::body_framing::unknown;
  bool must_close = false;
};

outcome read(std::string_view bytes, std::size_t step = 0, bool eof = true,
             http::response_parser::options options = {}) {
  http::response_parser parser(options);
  outcome out;
  std::size_t at = 0;
  bool stopped = false;
  while (at < bytes.size() && !stopped) {
    const std::size_t n = step == 0 ? bytes.size() - at : std::min(step, bytes.size() - at);
    std::span<const char> piece(bytes.data() + at, n);
    while (!piece.empty()) {
      const auto p = parser.feed(piece);
      REQUIRE(p.consumed <= piece.size());
      piece = piece.subspan(p.consumed);
      at += p.consumed;
      if (p.state == parse_state::head_complete) {
        out.saw_head_complete = true;
        CHECK(parser.message().status >= 200);
      }
      if (p.state == parse_state::complete || p.state == parse_state::error) {
        stopped = true;
        break;
      }
      if (p.consumed == 0) break;  // nothing more taken from this piece
    }
    if (!piece.empty() && !stopped) FAIL("bytes left in a piece while more are needed");
  }
  if (eof && parser.state() != parse_state::complete && parser.state() != parse_state::error)
    parser.finish();
  out.state = parser.state();
  out.failure = parser.failure();
  out.consumed = at;
  out.trailers.assign(parser.trailers().begin(), parser.trailers().end());
  out.framing = parser.framing();
  out.must_close = parser.must_close();
  out.response = parser.take();
  return out;
}

/// One-shot, byte at a time and in 7-byte pieces agree.
outcome read_all_ways(std::string_view bytes, bool eof = true,
                      http::response_parser::options options = {}) {
  const outcome whole = read(bytes, 0, eof, options);
  for (const std::size_t step : {std::size_t{1}, std::size_t{7}}) {
    INFO("step " << step);
    const outcome pieces = read(bytes, step, eof, options);
    CHECK(pieces.state == whole.state);
    CHECK(pieces.consumed == whole.consumed);
    CHECK(pieces.response.status == whole.response.status);
    CHECK(pieces.response.headers == whole.response.headers);
    CHECK(pieces.response.body == whole.response.body);
    CHECK(pieces.trailers == whole.trailers);
    CHECK(pieces.failure == whole.failure);
    CHECK(pieces.framing == whole.framing);
  }
  return whole;
}

void refused(std::string_view bytes, errc code, std::string_view detail,
             http::response_parser::options options = {}) {
  INFO(std::string(bytes));
  const outcome o = read_all_ways(bytes, true, options);
  REQUIRE(o.state == parse_state::error);
  CHECK(o.failure.code == code);
  CHECK(o.failure.detail == detail);
}

}  // namespace

TEST_CASE("response_parser: Content-Length bodies", "[http][response_parser]") {
  const std::string_view text =
      "HTTP/1.1 200 OK\r\nx-oss-request-id: 5C1\r\nContent-Length: 11\r\n\r\nhello worldEXTRA";
  const outcome o = read_all_ways(text);
  REQUIRE(o.state == parse_state::complete);
  CHECK(o.response.status == 200);
  CHECK(o.response.header("x-oss-request-id") == "5C1");
  CHECK(o.response.body == "hello world");
  CHECK(o.consumed == text.size() - 5);  // what follows the message is left alone
  CHECK(o.framing == http::body_framing::content_length);
  CHECK_FALSE(o.must_close);

  // feed() stops at the end of the head first.
  http::response_parser parser;
  const auto head = parser.feed(std::span(text.data(), text.size()));
  CHECK(head.state == parse_state::head_complete);
  CHECK(head.consumed == text.find("\r\n\r\n") + 4);
  CHECK(parser.message().status == 200);
  CHECK(parser.message().body.empty());
  const auto rest =
      parser.feed(std::span(text.data() + head.consumed, text.size() - head.consumed));
  CHECK(rest.state == parse_state::complete);
  CHECK(rest.consumed == 11);
  CHECK(parser.feed(std::span(text.data(), 1)).consumed == 0);  // complete: takes nothing
  CHECK(parser.finish() == parse_state::complete);

  // Repeated equal values are one length; bare LF line ends as the head reader allows.
  const outcome same =
      read_all_ways("HTTP/1.1 200 OK\nContent-Length: 3, 3\nContent-Length: 3\n\nabc");
  REQUIRE(same.state == parse_state::complete);
  CHECK(same.response.body == "abc");

  // Zero: complete with the head.
  const outcome empty = read_all_ways("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  CHECK(empty.state == parse_state::complete);
  CHECK_FALSE(empty.saw_head_complete);
}

TEST_CASE("response_parser: no body after HEAD, 204, 304", "[http][response_parser]") {
  const std::string_view head = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
  const outcome h = read_all_ways(head, false, {.head_request = true});
  CHECK(h.state == parse_state::complete);
  CHECK(h.framing == http::body_framing::none);
  CHECK(h.response.header("content-length") == "1234");
  // Without the flag the same head waits for its 1234 bytes.
  CHECK(read(head, 0, false).state == parse_state::head_complete);
  for (const std::string_view text :
       {"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nabcde",
        "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"}) {
    const outcome o = read_all_ways(text, false);
    CHECK(o.state == parse_state::complete);
    CHECK(o.response.body.empty());
  }
}

TEST_CASE("response_parser: interim heads are skipped", "[http][response_parser]") {
  const outcome o = read_all_ways(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
      "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
  REQUIRE(o.state == parse_state::complete);
  CHECK(o.response.status == 201);
  REQUIRE(o.response.headers.size() == 1);
  CHECK(o.response.body == "ok");
  refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", errc::invalid_http_response,
          "101 Switching Protocols, but no upgrade was asked for");
  std::string many;
  for (int i = 0; i < 17; ++i) many += "HTTP/1.1 100 Continue\r\n\r\n";
  refused(many, errc::value_out_of_range, "too many interim responses");
}

TEST_CASE("response_parser: chunked bodies, extensions and trailers", "[http][response_parser]") {
  const std::string_view text =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n"
      "1;name=value\r\n \r\n"
      "0005 ; a ; b = \"q\\\"uoted; x\" ;c=tok\r\nworld\r\n"
      "a\nnewline-ok\n"
      "0;last\r\nx-checksum: abc\r\nx-more:  2 \r\n\r\nNEXT";
  const outcome o = read_all_ways(text);
  REQUIRE(o.state == parse_state::complete);
  CHECK(o.response.body == "hello worldnewline-ok");
  CHECK(o.framing == http::body_framing::chunked);
  REQUIRE(o.trailers.size() == 2);
  CHECK(o.trailers[0] == http::header{"x-checksum", "abc"});
  CHECK(o.trailers[1] == http::header{"x-more", "2"});
  CHECK(o.consumed == text.size() - 4);
  // Upper-case hex, many leading zeros, a big but bounded size.
  CHECK(http::parse_chunk_size_line("00000000000000000000FF") ==
        objproc::result<std::uint64_t>(std::uint64_t{255}));
  CHECK(http::parse_chunk_size_line("FFFFFFFFFFFFFFFF") ==
        objproc::result<std::uint64_t>(UINT64_MAX));
  STATIC_REQUIRE(*http::parse_chunk_size_line("1a;x") == 26);
}

TEST_CASE("response_parser: malformed chunk lines are refused", "[http][response_parser]") {
  struct bad {
    std::string_view line;
    errc code;
    std::size_t offset;
  };
  for (const bad& b :
       {bad{"", errc::invalid_http_response, 0}, bad{"x", errc::invalid_http_response, 0},
        bad{"-1", errc::invalid_http_response, 0}, bad{"+1", errc::invalid_http_response, 0},
        bad{" 1", errc::invalid_http_response, 0}, bad{"0x10", errc::invalid_http_response, 1},
        bad{"1 ", errc::invalid_http_response, 2}, bad{"1g", errc::invalid_http_response, 1},
        bad{"1;", errc::invalid_http_response, 2}, bad{"1;=v", errc::invalid_http_response, 2},
        bad{"1;a=", errc::invalid_http_response, 4},
        bad{"1;a=\"open", errc::invalid_http_response, 9},
        bad{"1;a=\"x\\", errc::invalid_http_response, 7},
        bad{"1;a=b c", errc::invalid_http_response, 6},
        bad{std::string_view("1;a=\"\0\"", 7), errc::invalid_http_response, 5},
        bad{"10000000000000000", errc::value_out_of_range, 16},
        bad{"FFFFFFFFFFFFFFFFF", errc::value_out_of_range, 16}}) {
    INFO(std::string(b.line));
    const auto r = http::parse_chunk_size_line(b.line);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == b.code);
    CHECK(r.error().offset == b.offset);
  }
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  refused(head + "zz\r\n", errc::invalid_http_response, "a chunk size is hexadecimal digits");
  const outcome at = read(head + "3\r\nabc\r\n1 x\r\n");
  REQUIRE(at.state == parse_state::error);
  CHECK(at.failure.offset == head.size() + 10);  // the byte after "1 "
  refused(head + "3\r\nabcX\r\n", errc::invalid_http_response, "chunk data not followed by CRLF");
  refused(head + "3\r\nabc\r\r\n", errc::invalid_http_response, "chunk data not followed by CRLF");
  refused(head + "3\rx\nabc\r\n", errc::invalid_http_response, "CR not followed by LF");
  refused(head + "FFFFFFFFFFFFFFFFF\r\n", errc::value_out_of_range, "chunk size beyond 64 bits");
  refused(head + "0\r\n bad: fold\r\n\r\n", errc::invalid_http_response, "obsolete line folding");
  refused(head + "0\r\nno colon\r\n\r\n", errc::invalid_http_response, "header line without ':'");
  refused(head + std::string(5000, '0') + "1\r\n", errc::value_out_of_range,
          "chunk line larger than max_chunk_line_bytes");
}

TEST_CASE("response_parser: framing conflicts are refused", "[http][response_parser]") {
  refused("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
          errc::invalid_http_response, "conflicting Content-Length values");
  refused("HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\nabcd", errc::invalid_http_response,
          "conflicting Content-Length values");
  for (const std::string_view v : {"", "-1", "+3", "3x", "0x3", "3,", "99999999999999999999999"})
    refused("HTTP/1.1 200 OK\r\nContent-Length: " + std::string(v) + "\r\n\r\nabc",
            errc::invalid_http_response, "invalid Content-Length");
  refused("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
          errc::invalid_http_response, "both Transfer-Encoding and Content-Length");
  refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
          errc::invalid_http_response, "unsupported transfer coding");
  refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
          errc::invalid_http_response, "chunked must be the one transfer coding");
  refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\n\r\n", errc::invalid_http_response,
          "chunked must be the one transfer coding");
  // A malformed head, with the offset of the bad byte in the stream.
  const outcome bad = read_all_ways("HTTP/1.1 200 OK\r\nGood: 1\r\nBad Name: 2\r\n\r\n");
  REQUIRE(bad.state == parse_state::error);
  CHECK(bad.failure.code == errc::invalid_header_name);
  CHECK(bad.failure.offset == 29);
  // Not HTTP: refused at the status line, without waiting for a blank line.
  const outcome garbage = read("SSH-2.0-OpenSSH\r\n", 0, false);
  CHECK(garbage.state == parse_state::error);
  CHECK(garbage.failure.code == errc::invalid_http_response);
}

TEST_CASE("response_parser: limits", "[http][response_parser]") {
  const std::string big_head = "HTTP/1.1 200 OK\r\nx-big: " + std::string(70000, 'a') + "\r\n\r\n";
  refused(big_head, errc::value_out_of_range, "response head larger than max_head_bytes");
  const outcome o = read(big_head, 0, false, {.max_head_bytes = 1 << 17});
  CHECK(o.state == parse_state::head_complete);

  const http::response_parser::options small{.max_head_bytes = 64, .max_body_bytes = 10};
  refused("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", errc::value_out_of_range,
          "Content-Length beyond max_body_bytes", small);
  CHECK(
      read_all_ways("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", true, small).state ==
      parse_state::complete);
  refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n6\r\n",
          errc::value_out_of_range, "chunked body beyond max_body_bytes", small);
  refused("HTTP/1.1 200 OK\r\n\r\n0123456789A", errc::value_out_of_range,
          "response body beyond max_body_bytes", small);
  refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nx-trailer: " +
              std::string(80, 't') + "\r\n\r\n",
          errc::value_out_of_range, "trailers larger than max_head_bytes", small);
  const outcome at = read("HTTP/1.1 200 OK\r\n" + std::string(100, 'x'), 0, false, small);
  REQUIRE(at.state == parse_state::error);
  CHECK(at.failure.offset == 64);  // the first byte beyond the limit
}

TEST_CASE("response_parser: end of stream", "[http][response_parser]") {
  // Until close: finish() completes it.
  const outcome close = read_all_ways("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nto the end");
  REQUIRE(close.state == parse_state::complete);
  CHECK(close.response.body == "to the end");
  CHECK(close.framing == http::body_framing::until_close);
  CHECK(close.must_close);
  CHECK(read("HTTP/1.1 200 OK\r\n\r\nmore", 0, false).state == parse_state::head_complete);

  // Anything else cut short is truncated.
  for (const std::string_view text :
       {"", "HTTP/1.1 200", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nx: 1\r\n",
        "HTTP/1.1 100 Continue\r\n\r\n"}) {
    INFO(std::string(text));
    const outcome o = read_all_ways(text);
    REQUIRE(o.state == parse_state::error);
    CHECK(o.failure.code == errc::response_truncated);
    CHECK(o.failure.offset == text.size());
  }

  // Connection: close and HTTP/1.0 keep-alive.
  CHECK(read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").must_close);
  CHECK_FALSE(
      read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").must_close);
  CHECK(read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").must_close);

  // Errors stick; reset() starts over.
  http::response_parser parser;
  CHECK(parser.finish() == parse_state::error);
  const std::string_view next = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  CHECK(parser.feed(std::span(next.data(), next.size())).state == parse_state::error);
  parser.reset();
  CHECK(parser.feed(std::span(next.data(), next.size())).state == parse_state::complete);
}
