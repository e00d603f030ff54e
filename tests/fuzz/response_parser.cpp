// SPDX-License-Identifier: MIT
// libFuzzer target for the incremental response reader (http/response_parser.hpp). The first
// input byte chooses the options (HEAD or not, small limits or the defaults) and the size of
// the pieces; the rest is the stream. Properties: reading never crashes or loops (ASan/UBSan,
// libFuzzer's timeout); feeding in pieces ends exactly as feeding at once (state, bytes
// consumed, status, headers, body, trailers, error); feed() never consumes more than it is
// given; an error has a code and an offset no further than the bytes fed; a complete
// response's head reads back through parse_response_head; the body respects the limit.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/http/response_parser.hpp"

namespace {

namespace http = objproc::http;

struct run {
  http::parse_state state = http::parse_state::need_more;
  std::size_t consumed = 0;
  http::response response;
  std::vector<http::header> trailers;
  objproc::error failure;
};

run read(std::string_view stream, std::size_t step, const http::response_parser::options& o) {
  http::response_parser parser(o);
  run out;
  bool stopped = false;
  while (out.consumed < stream.size() && !stopped) {
    const std::size_t n = std::min(step, stream.size() - out.consumed);
    std::span<const char> piece(stream.data() + out.consumed, n);
    while (!piece.empty()) {
      const auto p = parser.feed(piece);
      if (p.consumed > piece.size()) std::abort();
      piece = piece.subspan(p.consumed);
      out.consumed += p.consumed;
      if (p.state == http::parse_state::complete || p.state == http::parse_state::error) {
        stopped = true;
        break;
      }
      if (p.consumed == 0) std::abort();  // need_more / head_complete with bytes left: progress
    }
  }
  if (!stopped) parser.finish();
  out.state = parser.state();
  if (out.state != http::parse_state::complete && out.state != http::parse_state::error)
    std::abort();  // finish() always decides
  out.failure = parser.failure();
  out.trailers.assign(parser.trailers().begin(), parser.trailers().end());
  out.response = parser.take();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
  http::response_parser::options o;
  o.head_request = (control & 1) != 0;
  if ((control & 2) != 0) {
    o.max_head_bytes = 256;
    o.max_body_bytes = 128;
    o.max_chunk_line_bytes = 32;
    o.max_interim_heads = 2;
  }
  const std::size_t step = 1 + (control >> 2);

  const run whole = read(stream, stream.size() + 1, o);
  const run pieces = read(stream, step, o);
  if (whole.state != pieces.state || whole.consumed != pieces.consumed ||
      whole.response.status != pieces.response.status ||
      whole.response.headers != pieces.response.headers ||
      whole.response.body != pieces.response.body || whole.trailers != pieces.trailers ||
      !(whole.failure == pieces.failure))
    std::abort();

  if (whole.state == http::parse_state::error) {
    if (whole.failure.code == objproc::errc::none) std::abort();
    if (whole.failure.has_offset() && whole.failure.offset > stream.size()) std::abort();
    return 0;
  }
  if (whole.response.status < 200 || whole.response.status > 599) std::abort();
  if (whole.response.body.size() > o.max_body_bytes) std::abort();
  std::string head = "HTTP/1.1 " + std::to_string(whole.response.status) + "\r\n";
  for (const http::header& h : whole.response.headers) head += h.name + ": " + h.value + "\r\n";
  head += "\r\n";
  const auto back = http::parse_response_head(head);
  if (!back || back->headers != whole.response.headers) std::abort();
  return 0;
}
