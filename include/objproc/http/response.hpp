// SPDX-License-Identifier: MIT
// objproc/http/response.hpp - what a transport hands back, and a strict reader of its head.
//
//   http::response r;
//   auto body_at = http::parse_response_head("HTTP/1.1 200 OK\r\nx-request-id: 5C..\r\n\r\n", r);
//   r.status;                 // 200
//   r.header("X-Request-Id");  // case-insensitive
//   http::first_header(r, names);  // the first of several names (a vendor's request-id headers)
//
// The reader takes RFC 9112 heads: a status line "HTTP/<d>[.<d>] <3 digits>[ <reason>]" (the
// "HTTP/2 200" form curl reports is accepted), header lines "name: value" with token names,
// lines ended by CRLF or a bare LF, and a blank line. Interim 1xx heads before the final one
// are skipped. Anything else - a lone CR, obsolete line folding, a space before the colon, NUL -
// is refused with errc::invalid_http_response (or invalid_header_name / invalid_header_value) at
// the offset of the offending byte.
//
// A transport that owns its socket reads a response arriving in pieces (body included: by
// Content-Length, chunked or to the close) with http::response_parser (response_parser.hpp),
// which uses this reader for each head.
#ifndef OBJPROC_HTTP_RESPONSE_HPP
#define OBJPROC_HTTP_RESPONSE_HPP

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/request.hpp"  // http::header

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// A response: status, headers in arrival order, body bytes.
struct response {
  int status = 0;
  std::vector<http::header> headers;
  std::string body;

  /// The first header named `name` (ASCII case-insensitive).
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const noexcept {
    for (const http::header& h : headers)
      if (detail::iequals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
  }
};

/// The value of the first of `names` the response carries (in the order of `names`), e.g. a
/// vendor's request-id headers (each vendor's operation traits name its own).
[[nodiscard]] inline std::optional<std::string_view> first_header(
    const response& r, std::span<const std::string_view> names) noexcept {
  for (const std::string_view name : names)
    if (auto v = r.header(name)) return v;
  return std::nullopt;
}

namespace detail {

/// `line` without one trailing "\r\n" or "\n".
[[nodiscard]] constexpr std::string_view strip_line_end(std::string_view line) noexcept {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace detail

/// The status code of a status line ("HTTP/1.1 404 Not Found", a trailing CRLF allowed).
[[nodiscard]] constexpr result<int> parse_status_line(std::string_view line) noexcept {
  line = detail::strip_line_end(line);
  constexpr std::string_view prefix = "HTTP/";
  if (line.substr(0, prefix.size()) != prefix)
    return error{errc::invalid_http_response, 0, "a status line starts with HTTP/"};
  std::size_t i = prefix.size();
  const auto digit = [&](std::size_t at) {
    return at < line.size() && line[at] >= '0' && line[at] <= '9';
  };
  if (!digit(i)) return error{errc::invalid_http_response, i, "missing HTTP major version"};
  ++i;
  if (i < line.size() && line[i] == '.') {
    ++i;
    if (!digit(i)) return error{errc::invalid_http_response, i, "missing HTTP minor version"};
    ++i;
  }
  if (i >= line.size() || line[i] != ' ')
    return error{errc::invalid_http_response, i, "expected one space after the version"};
  ++i;
  int status = 0;
  for (std::size_t k = 0; k < 3; ++k, ++i) {
    if (!digit(i)) return error{errc::invalid_http_response, i, "status codes have three digits"};
    status = status * 10 + (line[i] - '0');
  }
  if (status < 100 || status > 599)
    return error{errc::invalid_http_response, i - 3, "status code out of range"};
  if (i < line.size()) {
    if (line[i] != ' ')
      return error{errc::invalid_http_response, i, "expected a space before the reason"};
    for (std::size_t k = i + 1; k < line.size(); ++k) {
      const auto c = static_cast<unsigned char>(line[k]);
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        return error{errc::invalid_http_response, k, "control character in the reason"};
    }
  }
  return status;
}

/// One "name: value" header line (a trailing CRLF allowed); the value without surrounding OWS.
[[nodiscard]] inline result<http::header> parse_header_line(std::string_view line) {
  line = detail::strip_line_end(line);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos)
    return error{errc::invalid_http_response, line.size(), "header line without ':'"};
  const std::string_view name = line.substr(0, colon);
  if (auto ok = detail::check_header_name(name); !ok) return ok.error();
  const std::string_view value = line.substr(colon + 1);
  for (std::size_t k = 0; k < value.size(); ++k) {
    const auto c = static_cast<unsigned char>(value[k]);
    if (c == '\r' || c == '\n' || c == 0)
      return error{errc::invalid_header_value, colon + 1 + k, "CR, LF or NUL in a header value"};
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      return error{errc::invalid_header_value, colon + 1 + k,
                   "control character in a header value"};
  }
  return http::header{std::string(name), std::string(detail::trim_ows(value))};
}

/// Reads a response head into `out` (status and headers; the body is left alone). Returns the
/// offset just past the blank line: where the body starts. Interim 1xx heads are skipped.
/// Errors carry the offset in `head` of the offending byte; `out` is unchanged on error.
[[nodiscard]] inline result<std::size_t> parse_response_head(std::string_view head, response& out) {
  std::size_t pos = 0;
  // The next line: [pos, end of content), and where the following line starts.
  const auto next_line = [&](std::string_view& line, std::size_t& start) -> result<void> {
    start = pos;
    const std::size_t lf = head.find('\n', pos);
    if (lf == std::string_view::npos)
      return error{errc::invalid_http_response, head.size(), "head not ended by a blank line"};
    std::size_t end = lf;
    if (end > pos && head[end - 1] == '\r') --end;
    line = head.substr(pos, end - pos);
    if (const std::size_t cr = line.find('\r'); cr != std::string_view::npos)
      return error{errc::invalid_http_response, pos + cr, "CR not followed by LF"};
    pos = lf + 1;
    return {};
  };
  for (;;) {
    response r;
    std::string_view line;
    std::size_t start = 0;
    if (auto ok = next_line(line, start); !ok) return ok.error();
    auto status = parse_status_line(line);
    if (!status) return status.error().shifted(start);
    r.status = *status;
    for (;;) {
      if (auto ok = next_line(line, start); !ok) return ok.error();
      if (line.empty()) break;
      if (line.front() == ' ' || line.front() == '\t')
        return error{errc::invalid_http_response, start, "obsolete line folding"};
      auto h = parse_header_line(line);
      if (!h) return h.error().shifted(start);
      r.headers.push_back(std::move(*h));
    }
    if (r.status >= 200 || pos == head.size()) {
      out.status = r.status;
      out.headers = std::move(r.headers);
      return pos;
    }
  }
}

/// A response from its head alone (the body left empty).
[[nodiscard]] inline result<response> parse_response_head(std::string_view head) {
  response r;
  if (auto n = parse_response_head(head, r); !n) return n.error();
  return r;
}

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_RESPONSE_HPP
