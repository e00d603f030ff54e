// SPDX-License-Identifier: MIT
// objproc/http/response_parser.hpp - an incremental HTTP/1.1 response reader, for transports
// that own their socket: feed it bytes as they arrive, in pieces of any size.
//
//   http::response_parser parser;                  // or ({.head_request = true}) after a HEAD
//   for (;;) {
//     std::span<const char> bytes = receive();     // empty at end of stream
//     if (bytes.empty()) { parser.finish(); break; }
//     while (!bytes.empty()) {
//       const auto step = parser.feed(bytes);
//       bytes = bytes.subspan(step.consumed);
//       if (step.state == http::parse_state::complete || step.state == http::parse_state::error)
//         goto done;                               // bytes left over belong to what follows
//     }                                            // head_complete: the head is readable now
//   }
//   done: if (parser.state() == http::parse_state::complete) use(parser.take());
//         else report(parser.failure());
//
// The head is read with the strict rules of response.hpp (parse_response_head): interim 1xx
// heads are skipped (101 Switching Protocols is refused: no upgrade is ever asked for). The body
// is framed as RFC 9112 section 6.3 says:
//   - none after a HEAD request (options::head_request) and for 204 and 304;
//   - "Transfer-Encoding: chunked": chunk sizes in hexadecimal (any number of digits, but no
//     value beyond 64 bits), chunk extensions checked against the grammar and ignored, trailer
//     fields read into trailers(); any other transfer coding is refused (nothing is decoded);
//   - "Content-Length": exactly that many bytes; repeated values must agree ("7, 7" is 7; "7"
//     and "8" is an error);
//   - otherwise until the connection closes: the caller calls finish() at end of stream.
// Both Transfer-Encoding and Content-Length is refused (a response-splitting sign, RFC 9112).
//
// feed() stops at the end of the head (state head_complete, so the caller can read the status
// and headers before the body arrives) and at the end of the message (state complete; bytes
// after it are not consumed). A message without a body reports complete at once.
//
// Errors (failure(); the offset counts the bytes fed since construction or reset()):
//   errc::invalid_http_response  a malformed head, chunk line or framing (and the errors of
//                                parse_response_head: invalid_header_name / _value)
//   errc::value_out_of_range     a head or the trailers beyond options::max_head_bytes, a body
//                                beyond options::max_body_bytes (a Content-Length too, before any
//                                byte of it arrives), a chunk line beyond max_chunk_line_bytes, a
//                                chunk size beyond 64 bits, too many interim heads
//   errc::response_truncated     finish() before the message was complete
// Memory is bounded by the limits; after an error every call returns the same error.
#ifndef OBJPROC_HTTP_RESPONSE_PARSER_HPP
#define OBJPROC_HTTP_RESPONSE_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/request.hpp"
#include "objproc/http/response.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// Where a response_parser stands.
enum class parse_state : unsigned char {
  need_more,      // feed more bytes (or finish() at end of stream)
  head_complete,  // the head is read: status and headers are available, the body follows
  complete,       // the whole response is read
  error,          // see failure()
};

/// How the body of the response being read is delimited.
enum class body_framing : unsigned char { unknown, none, content_length, chunked, until_close };

namespace detail {

[[nodiscard]] constexpr bool is_bws(char c) noexcept { return c == ' ' || c == '\t'; }

/// qdtext of RFC 9110: HTAB, SP, %x21, %x23-5B, %x5D-7E, obs-text.
[[nodiscard]] constexpr bool is_qdtext(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u == '\t' || u == ' ' || u == 0x21 || (u >= 0x23 && u <= 0x5B) ||
         (u >= 0x5D && u <= 0x7E) || u >= 0x80;
}

}  // namespace detail

/// One chunk-size line of the chunked transfer coding, without its line end:
///   chunk-size [ chunk-ext ], chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token /
///   quoted-string ) ] ). The size; errc::invalid_http_response (or value_out_of_range for a
/// size beyond 64 bits) at the offending byte. Extensions are checked and ignored.
[[nodiscard]] constexpr result<std::uint64_t> parse_chunk_size_line(
    std::string_view line) noexcept {
  std::size_t i = 0;
  std::uint64_t size = 0;
  for (; i < line.size(); ++i) {
    const int d = objproc::detail::hex_value(line[i]);
    if (d < 0) break;
    if (size > (UINT64_MAX >> 4))
      return error{errc::value_out_of_range, i, "chunk size beyond 64 bits"};
    size = (size << 4) | static_cast<std::uint64_t>(d);
  }
  if (i == 0) return error{errc::invalid_http_response, 0, "a chunk size is hexadecimal digits"};
  const auto skip_bws = [&](std::size_t at) {
    while (at < line.size() && detail::is_bws(line[at])) ++at;
    return at;
  };
  while (i < line.size()) {
    i = skip_bws(i);
    if (i == line.size() || line[i] != ';')
      return error{errc::invalid_http_response, i, "invalid character after the chunk size"};
    i = skip_bws(i + 1);
    const std::size_t name = i;
    while (i < line.size() && detail::is_tchar(line[i])) ++i;
    if (i == name) return error{errc::invalid_http_response, i, "chunk extension without a name"};
    const std::size_t after = skip_bws(i);
    if (after == line.size() || line[after] != '=') continue;
    i = skip_bws(after + 1);
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i == line.size())
          return error{errc::invalid_http_response, i, "unterminated quoted chunk extension"};
        if (line[i] == '"') break;
        if (line[i] == '\\') {
          ++i;
          if (i == line.size() ||
              !(detail::is_qdtext(line[i]) || line[i] == '"' || line[i] == '\\'))
            return error{errc::invalid_http_response, i, "invalid quoted pair"};
        } else if (!detail::is_qdtext(line[i])) {
          return error{errc::invalid_http_response, i, "invalid character in a quoted string"};
        }
      }
      ++i;
    } else {
      const std::size_t value = i;
      while (i < line.size() && detail::is_tchar(line[i])) ++i;
      if (i == value)
        return error{errc::invalid_http_response, i, "chunk extension without a value"};
    }
  }
  return size;
}

/// Reads one HTTP/1.1 response from bytes fed in pieces. See the top of this file.
class response_parser {
 public:
  struct options {
    /// Bytes of one head (status line to blank line), and of the trailer section.
    std::size_t max_head_bytes = std::size_t{64} << 10;
    /// Bytes of the body (after the chunked coding is removed).
    std::uint64_t max_body_bytes = std::uint64_t{64} << 20;
    /// Bytes of one chunk-size line, extensions included.
    std::size_t max_chunk_line_bytes = 4096;
    /// Interim (1xx) heads skipped before the final one.
    std::size_t max_interim_heads = 16;
    /// The request was a HEAD: the response has no body whatever its headers say.
    bool head_request = false;
  };

  /// What one feed() did: how many bytes it consumed, and the state after them.
  struct progress {
    std::size_t consumed = 0;
    parse_state state = parse_state::need_more;
  };

  response_parser() = default;
  explicit response_parser(const options& o) : options_(o) {}

  /// Reads from `bytes` up to the end of the head or of the message, whichever comes first.
  progress feed(std::span<const char> bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
      const std::string_view rest(bytes.data() + i, bytes.size() - i);
      std::size_t used = 0;
      parse_state reached = parse_state::need_more;
      switch (phase_) {
        case phase::head:
          reached = on_head(rest, used);
          break;
        case phase::length_body:
          reached = on_length_body(rest, used);
          break;
        case phase::chunk_line:
          reached = on_chunk_line(rest, used);
          break;
        case phase::chunk_data:
          reached = on_chunk_data(rest, used);
          break;
        case phase::chunk_data_end:
          reached = on_chunk_data_end(rest, used);
          break;
        case phase::trailers:
          reached = on_trailers(rest, used);
          break;
        case phase::until_close:
          reached = on_until_close(rest, used);
          break;
        case phase::done:
        case phase::failed:
          return {i, state()};
      }
      i += used;
      offset_ += used;
      if (reached != parse_state::need_more) return {i, reached};
    }
    return {i, state()};
  }

  /// End of stream: completes a body read until the connection closes; anything else not yet
  /// complete becomes errc::response_truncated. The state after it.
  parse_state finish() {
    switch (phase_) {
      case phase::done:
      case phase::failed:
        break;
      case phase::until_close:
        phase_ = phase::done;
        break;
      case phase::head:
        if (offset_ == 0)
          fail(errc::response_truncated, 0, "connection closed before any response");
        else
          fail(errc::response_truncated, offset_, "connection closed inside the response head");
        break;
      default:
        fail(errc::response_truncated, offset_, "connection closed before the end of the body");
        break;
    }
    return state();
  }

  [[nodiscard]] parse_state state() const noexcept {
    switch (phase_) {
      case phase::head:
        return parse_state::need_more;
      case phase::done:
        return parse_state::complete;
      case phase::failed:
        return parse_state::error;
      default:
        return parse_state::head_complete;
    }
  }

  /// The response read so far: status and headers once the head is complete, then the body.
  [[nodiscard]] const http::response& message() const noexcept { return response_; }
  /// Moves the response out (call once complete).
  [[nodiscard]] http::response take() noexcept { return std::move(response_); }
  /// The trailer fields of a chunked body, in arrival order.
  [[nodiscard]] std::span<const http::header> trailers() const noexcept { return trailers_; }
  /// Why the parser stopped; meaningful in state error.
  [[nodiscard]] const objproc::error& failure() const noexcept { return error_; }
  /// How the body is delimited (unknown until the head is complete).
  [[nodiscard]] body_framing framing() const noexcept { return framing_; }
  /// True when the connection cannot carry another request after this response: the body ends
  /// at the close, the server said "Connection: close", or an HTTP/1.0 server did not say
  /// keep-alive. Meaningful once the head is complete.
  [[nodiscard]] bool must_close() const noexcept { return must_close_; }
  /// Bytes consumed since construction or reset().
  [[nodiscard]] std::uint64_t offset() const noexcept { return offset_; }

  /// Ready for the next response on the same connection (same options).
  void reset() { *this = response_parser(options_); }

 private:
  enum class phase : unsigned char {
    head,
    length_body,
    chunk_line,
    chunk_data,
    chunk_data_end,
    trailers,
    until_close,
    done,
    failed,
  };

  parse_state fail(errc code, std::uint64_t at, std::string_view detail) noexcept {
    return fail(objproc::error{code, static_cast<std::size_t>(at), detail});
  }
  parse_state fail(const objproc::error& e) noexcept {
    error_ = e;
    phase_ = phase::failed;
    return parse_state::error;
  }

  /// Appends `rest` to line_ up to and including its first LF (`used` says how much). True
  /// when a line was completed; a line longer than `limit` (counting from `counted`) fails.
  bool take_line(std::string_view rest, std::size_t& used, std::size_t counted, std::size_t limit,
                 std::string_view what) {
    const std::size_t lf = rest.find('\n');
    const std::size_t take = lf == std::string_view::npos ? rest.size() : lf + 1;
    if (take > limit - counted) {
      used = limit - counted;
      fail(errc::value_out_of_range, offset_ + used, what);
      return false;
    }
    line_.append(rest.substr(0, take));
    used = take;
    return lf != std::string_view::npos;
  }

  /// The line just completed in line_ from `start`, without its line end; lone CRs refused.
  result<std::string_view> completed_line(std::size_t start, std::uint64_t line_offset) {
    std::string_view line(line_.data() + start, line_.size() - start);
    line = detail::strip_line_end(line);
    if (const std::size_t cr = line.find('\r'); cr != std::string_view::npos)
      return objproc::error{errc::invalid_http_response, static_cast<std::size_t>(line_offset + cr),
                            "CR not followed by LF"};
    return line;
  }

  parse_state on_head(std::string_view rest, std::size_t& used) {
    if (!take_line(rest, used, line_.size(), options_.max_head_bytes,
                   "response head larger than max_head_bytes"))
      return state() == parse_state::error ? parse_state::error : parse_state::need_more;
    const std::string_view line(line_.data() + line_start_, line_.size() - line_start_);
    if (line != "\n" && line != "\r\n") {
      if (line_start_ == 0) {  // the status line: refuse what is not HTTP without waiting
        if (auto status = parse_status_line(line); !status)
          return fail(status.error().shifted(static_cast<std::size_t>(head_start_)));
      }
      line_start_ = line_.size();
      return parse_state::need_more;
    }
    http::response head;
    const auto end = parse_response_head(line_, head);
    if (!end) return fail(end.error().shifted(static_cast<std::size_t>(head_start_)));
    if (head.status < 200) {
      if (head.status == 101)
        return fail(errc::invalid_http_response, head_start_,
                    "101 Switching Protocols, but no upgrade was asked for");
      if (++interim_ > options_.max_interim_heads)
        return fail(errc::value_out_of_range, head_start_, "too many interim responses");
      line_.clear();
      line_start_ = 0;
      head_start_ = offset_ + used;
      return parse_state::need_more;
    }
    const bool http10 = line_.starts_with("HTTP/1.0 ");
    response_.status = head.status;
    response_.headers = std::move(head.headers);
    line_.clear();
    line_start_ = 0;
    return on_head_complete(http10);
  }

  /// Chooses the body framing from the final head.
  parse_state on_head_complete(bool http10) {
    const std::uint64_t at = head_start_;
    bool close = http10;
    std::size_t transfer_codings = 0;
    bool has_transfer_encoding = false;
    bool has_length = false;
    std::uint64_t length = 0;
    for (const http::header& h : response_.headers) {
      const bool te = detail::iequals(h.name, "transfer-encoding");
      const bool cl = detail::iequals(h.name, "content-length");
      const bool connection = detail::iequals(h.name, "connection");
      if (!te && !cl && !connection) continue;
      has_transfer_encoding = has_transfer_encoding || te;
      std::string_view list = h.value;
      while (!list.empty() || cl) {  // a Content-Length "" is one empty element
        const std::size_t comma = list.find(',');
        const std::string_view item = detail::trim_ows(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (connection) {
          if (detail::iequals(item, "close")) close = true;
          if (detail::iequals(item, "keep-alive") && http10) close = false;
        } else if (te) {
          if (item.empty()) continue;
          if (!detail::iequals(item, "chunked"))
            return fail(errc::invalid_http_response, at, "unsupported transfer coding");
          ++transfer_codings;
        } else {
          const auto n = detail::parse_decimal_length(item);
          if (!n || item.empty())
            return fail(errc::invalid_http_response, at, "invalid Content-Length");
          if (has_length && *n != length)
            return fail(errc::invalid_http_response, at, "conflicting Content-Length values");
          has_length = true;
          length = *n;
        }
        if (comma == std::string_view::npos) break;
      }
    }
    must_close_ = close;
    if (options_.head_request || response_.status == 204 || response_.status == 304) {
      framing_ = body_framing::none;
      phase_ = phase::done;
      return parse_state::complete;
    }
    if (has_transfer_encoding) {
      if (has_length)
        return fail(errc::invalid_http_response, at, "both Transfer-Encoding and Content-Length");
      if (transfer_codings != 1)
        return fail(errc::invalid_http_response, at, "chunked must be the one transfer coding");
      framing_ = body_framing::chunked;
      phase_ = phase::chunk_line;
      return parse_state::head_complete;
    }
    if (has_length) {
      if (length > options_.max_body_bytes)
        return fail(errc::value_out_of_range, at, "Content-Length beyond max_body_bytes");
      framing_ = body_framing::content_length;
      remaining_ = length;
      if (length == 0) {
        phase_ = phase::done;
        return parse_state::complete;
      }
      response_.body.reserve(static_cast<std::size_t>(
          objproc::detail::min_of<std::uint64_t>(length, std::uint64_t{1} << 20)));
      phase_ = phase::length_body;
      return parse_state::head_complete;
    }
    framing_ = body_framing::until_close;
    must_close_ = true;
    phase_ = phase::until_close;
    return parse_state::head_complete;
  }

  parse_state on_length_body(std::string_view rest, std::size_t& used) {
    used =
        static_cast<std::size_t>(objproc::detail::min_of<std::uint64_t>(remaining_, rest.size()));
    response_.body.append(rest.substr(0, used));
    remaining_ -= used;
    if (remaining_ != 0) return parse_state::need_more;
    phase_ = phase::done;
    return parse_state::complete;
  }

  parse_state on_until_close(std::string_view rest, std::size_t& used) {
    const std::uint64_t room = options_.max_body_bytes - response_.body.size();
    if (rest.size() > room) {
      used = static_cast<std::size_t>(room);
      response_.body.append(rest.substr(0, used));
      return fail(errc::value_out_of_range, offset_ + used, "response body beyond max_body_bytes");
    }
    used = rest.size();
    response_.body.append(rest);
    return parse_state::need_more;
  }

  parse_state on_chunk_line(std::string_view rest, std::size_t& used) {
    const std::size_t had = line_.size();
    if (!take_line(rest, used, had, options_.max_chunk_line_bytes,
                   "chunk line larger than max_chunk_line_bytes"))
      return state() == parse_state::error ? parse_state::error : parse_state::need_more;
    const std::uint64_t line_offset = offset_ + used - line_.size();
    const auto line = completed_line(0, line_offset);
    if (!line) return fail(line.error());
    const auto size = parse_chunk_size_line(*line);
    if (!size) return fail(size.error().shifted(static_cast<std::size_t>(line_offset)));
    line_.clear();
    if (*size == 0) {
      phase_ = phase::trailers;
      return parse_state::need_more;
    }
    if (*size > options_.max_body_bytes - response_.body.size())
      return fail(errc::value_out_of_range, line_offset, "chunked body beyond max_body_bytes");
    remaining_ = *size;
    phase_ = phase::chunk_data;
    return parse_state::need_more;
  }

  parse_state on_chunk_data(std::string_view rest, std::size_t& used) {
    used =
        static_cast<std::size_t>(objproc::detail::min_of<std::uint64_t>(remaining_, rest.size()));
    response_.body.append(rest.substr(0, used));
    remaining_ -= used;
    if (remaining_ == 0) phase_ = phase::chunk_data_end;
    return parse_state::need_more;
  }

  parse_state on_chunk_data_end(std::string_view rest, std::size_t& used) {
    const char c = rest.front();
    used = 1;
    if (c == '\n') {
      line_.clear();
      phase_ = phase::chunk_line;
      return parse_state::need_more;
    }
    if (c == '\r' && line_.empty()) {
      line_ = "\r";
      return parse_state::need_more;
    }
    used = 0;
    return fail(errc::invalid_http_response, offset_, "chunk data not followed by CRLF");
  }

  parse_state on_trailers(std::string_view rest, std::size_t& used) {
    const std::size_t had = line_.size();
    if (!take_line(rest, used, trailer_bytes_ + had, options_.max_head_bytes,
                   "trailers larger than max_head_bytes"))
      return state() == parse_state::error ? parse_state::error : parse_state::need_more;
    trailer_bytes_ += line_.size();
    const std::uint64_t line_offset = offset_ + used - line_.size();
    const auto line = completed_line(0, line_offset);
    if (!line) return fail(line.error());
    if (line->empty()) {
      line_.clear();
      phase_ = phase::done;
      return parse_state::complete;
    }
    if (detail::is_bws(line->front()))
      return fail(errc::invalid_http_response, line_offset, "obsolete line folding");
    auto field = parse_header_line(*line);
    if (!field) return fail(field.error().shifted(static_cast<std::size_t>(line_offset)));
    trailers_.push_back(std::move(*field));
    line_.clear();
    return parse_state::need_more;
  }

  options options_{};
  phase phase_ = phase::head;
  body_framing framing_ = body_framing::unknown;
  bool must_close_ = false;
  http::response response_;
  std::vector<http::header> trailers_;
  std::string line_;            // the head being read, or the current chunk or trailer line
  std::size_t line_start_ = 0;  // where the current line of the head starts in line_
  std::size_t trailer_bytes_ = 0;
  std::size_t interim_ = 0;
  std::uint64_t offset_ = 0;      // bytes consumed before the current feed step
  std::uint64_t head_start_ = 0;  // where the current head started
  std::uint64_t remaining_ = 0;   // of the Content-Length body, or of the current chunk
  objproc::error error_{};
};

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_RESPONSE_PARSER_HPP
