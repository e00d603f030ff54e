// SPDX-License-Identifier: MIT
// objproc/http/wire.hpp - the exact HTTP/1.1 bytes of a request descriptor, for transports that
// own their socket (an engine's event loop, a raw socket), never redacted.
//
//   std::string bytes;
//   if (auto ok = http::write_wire(signed_request, bytes); !ok) ...   // head, then the body
//   send_all(socket, bytes);
//
//   std::array<char, 4096> buffer;                                   // no heap
//   auto n = http::write_wire_to(signed_request, buffer);            // errc::buffer_too_small
//
// What is written, in order:
//   "<METHOD> <target> HTTP/1.1\r\n"   target = request.target(): encoded path and query
//   "Host: <host>\r\n"                 only when the descriptor lists no Host header
//   every header of the descriptor, in order, byte for byte
//   "Content-Length: <n>\r\n"          only when the descriptor lists no Content-Length (and no
//                                      Transfer-Encoding) and the request has a body, or is a
//                                      POST or PUT (RFC 9110 8.6: "Content-Length: 0" then)
//   "Connection: close\r\n"            only when asked (wire_options::connection_close) and the
//                                      descriptor lists no Connection header
//   "\r\n", then the body
// No header is ever written twice: a signer that signs Host and Content-Length lists them, one
// that does not lists neither, and both come out with exactly one of each.
// Nothing else is added: no User-Agent, Accept, Expect or default Content-Type (what is signed
// is what is sent, as with the curl adapter).
//
// Bodies: owned bytes (std::string) are written after the head; with "Transfer-Encoding:
// chunked" in the descriptor they are written as one chunk and the last chunk. A body_source is
// never read here: write_wire writes the head alone (with its Content-Length), and the caller
// then streams the body, body_source::size bytes, e.g. with http::body_stream:
//
//   http::body_stream body(std::get<http::body_source>(request.body()));
//   std::array<std::byte, 16384> chunk;
//   while (!body.done()) {
//     auto n = body.read(chunk);          // errc::transport_failed when the source runs dry
//     if (!n) return n.error();
//     send_all(socket, std::span(chunk).first(*n));
//   }
// A chunked streaming body is refused (errc::invalid_argument): give it a size instead.
//
// Refused with errc::invalid_argument, like the curl adapter: a Content-Length header that
// differs from the body's size, both Content-Length and Transfer-Encoding, a Transfer-Encoding
// other than chunked, a HEAD request with a body. Header names and values are checked again
// (errc::invalid_header_name / invalid_header_value): a line break can never reach the wire.
//
// request::to_string() stays the redacted display form for logs; these functions write the
// secrets (Authorization, security tokens, presigned signatures) as they must be sent.
#ifndef OBJPROC_HTTP_WIRE_HPP
#define OBJPROC_HTTP_WIRE_HPP

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/request.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// What the wire writer may add beyond the descriptor.
struct wire_options {
  /// Adds "Connection: close" (unless the descriptor lists a Connection header): for a
  /// transport that sends one request per connection and reads the response to the close.
  bool connection_close = false;
};

namespace detail {

/// How a request's body goes on the wire, decided from its headers and body.
struct wire_framing {
  bool add_host = false;
  bool add_content_length = false;
  bool chunked = false;
  bool add_connection_close = false;
};

/// The framing of `r`, or why it cannot be sent as it is.
[[nodiscard]] inline result<wire_framing> wire_framing_of(const request& r,
                                                          const wire_options& options) noexcept {
  wire_framing f;
  bool has_host = false;
  bool has_connection = false;
  bool has_transfer_encoding = false;
  bool has_length = false;
  const std::uint64_t size = r.body_size();
  const bool streaming = r.has_streaming_body();
  for (const header_field h : r.headers()) {
    if (auto ok = check_header_name(h.name); !ok) return ok.error();
    if (auto ok = check_header_value(h.value); !ok) return ok.error();
    if (iequals(h.name, "host")) {
      has_host = true;
    } else if (iequals(h.name, "connection")) {
      has_connection = true;
    } else if (iequals(h.name, "content-length")) {
      const auto n = parse_decimal_length(h.value);
      if (!n || *n != size)  // every one of them, when repeated
        return error{errc::invalid_argument, error::no_offset,
                     "Content-Length header differs from the body"};
      has_length = true;
    } else if (iequals(h.name, "transfer-encoding")) {
      if (has_transfer_encoding || !iequals(trim_ows(h.value), "chunked"))
        return error{errc::invalid_argument, error::no_offset,
                     "the only Transfer-Encoding sent is one chunked"};
      has_transfer_encoding = true;
    }
  }
  if (has_length && has_transfer_encoding)
    return error{errc::invalid_argument, error::no_offset, "both Content-Length and chunked"};
  if (has_transfer_encoding && streaming)
    return error{errc::invalid_argument, error::no_offset,
                 "a chunked streaming body: give the body_source a size instead"};
  const http::method m = r.method();
  if (m == http::method::head && (size != 0 || streaming))
    return error{errc::invalid_argument, error::no_offset, "HEAD with a body"};
  f.add_host = !has_host;
  f.chunked = has_transfer_encoding;
  f.add_content_length =
      !has_length && !has_transfer_encoding &&
      (size != 0 || streaming || m == http::method::post || m == http::method::put);
  f.add_connection_close = options.connection_close && !has_connection;
  return f;
}

constexpr void put_header_line(span_writer& out, std::string_view name,
                               std::string_view value) noexcept {
  out.put(name);
  out.put(": ");
  out.put(value);
  out.put("\r\n");
}

/// The head (request line to blank line) of `r` with framing `f`.
inline void write_wire_head(span_writer& out, const request& r, const wire_framing& f) noexcept {
  out.put(http::to_string(r.method()));
  out.put(' ');
  out.put(r.path());
  char separator = '?';
  for (const query_field q : r.query()) {
    write_query_field(out, separator, q);
    separator = '&';
  }
  out.put(" HTTP/1.1\r\n");
  if (f.add_host) put_header_line(out, "Host", r.host());
  for (const header_field h : r.headers()) put_header_line(out, h.name, h.value);
  if (f.add_content_length) {
    out.put("Content-Length: ");
    out.put_number(r.body_size());
    out.put("\r\n");
  }
  if (f.add_connection_close) out.put("Connection: close\r\n");
  out.put("\r\n");
}

/// The owned body of `r` as it is sent (nothing for a body_source).
inline void write_wire_body(span_writer& out, const request& r, const wire_framing& f) noexcept {
  const auto* bytes = std::get_if<std::string>(&r.body());
  if (bytes == nullptr) return;
  if (!f.chunked) {
    out.put(*bytes);
    return;
  }
  if (!bytes->empty()) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    char hex[16] = {};
    std::size_t n = 0;
    std::uint64_t size = bytes->size();
    do {
      hex[n++] = digits[size & 0xF];
      size >>= 4;
    } while (size != 0);
    while (n > 0) out.put(hex[--n]);
    out.put("\r\n");
    out.put(*bytes);
    out.put("\r\n");
  }
  out.put("0\r\n\r\n");
}

template <class Write>
[[nodiscard]] inline result<std::size_t> write_wire_into(std::span<char> buffer, const request& r,
                                                         const wire_options& options,
                                                         const Write& write) noexcept {
  const auto framing = wire_framing_of(r, options);
  if (!framing) return framing.error();
  span_writer out(buffer);
  write(out, *framing);
  if (out.overflowed())
    return error{errc::buffer_too_small, error::no_offset, "the request does not fit the buffer"};
  return out.size();
}

template <class Write>
[[nodiscard]] inline result<void> write_wire_string(std::string& out, const request& r,
                                                    const wire_options& options,
                                                    const Write& write) {
  const auto framing = wire_framing_of(r, options);
  if (!framing) return framing.error();
  span_writer measure;  // no room: counts what is needed
  write(measure, *framing);
  const std::size_t at = out.size();
  out.resize(at + measure.needed());
  span_writer into(std::span<char>(out).subspan(at));
  write(into, *framing);
  return {};
}

}  // namespace detail

/// Appends the HTTP/1.1 bytes of `r` to `out`: the head, then an owned body (a body_source is
/// left for the caller to stream, see body_stream). `out` is unchanged on error.
[[nodiscard]] inline result<void> write_wire(const request& r, std::string& out,
                                             const wire_options& options = {}) {
  return detail::write_wire_string(out, r, options,
                                   [&](detail::span_writer& w, const detail::wire_framing& f) {
                                     detail::write_wire_head(w, r, f);
                                     detail::write_wire_body(w, r, f);
                                   });
}

/// The HTTP/1.1 bytes of `r`, as write_wire appends them.
[[nodiscard]] inline result<std::string> to_wire(const request& r,
                                                 const wire_options& options = {}) {
  std::string out;
  if (auto ok = write_wire(r, out, options); !ok) return ok.error();
  return out;
}

/// The same bytes into a caller's buffer, without the heap: how many were written, or
/// errc::buffer_too_small (wire_size tells how many are needed).
[[nodiscard]] inline result<std::size_t> write_wire_to(const request& r, std::span<char> out,
                                                       const wire_options& options = {}) noexcept {
  return detail::write_wire_into(out, r, options,
                                 [&](detail::span_writer& w, const detail::wire_framing& f) {
                                   detail::write_wire_head(w, r, f);
                                   detail::write_wire_body(w, r, f);
                                 });
}

/// Appends only the head of `r` (request line, headers, blank line) to `out`.
[[nodiscard]] inline result<void> write_wire_head(const request& r, std::string& out,
                                                  const wire_options& options = {}) {
  return detail::write_wire_string(out, r, options,
                                   [&](detail::span_writer& w, const detail::wire_framing& f) {
                                     detail::write_wire_head(w, r, f);
                                   });
}

/// Only the head of `r`, into a caller's buffer.
[[nodiscard]] inline result<std::size_t> write_wire_head_to(
    const request& r, std::span<char> out, const wire_options& options = {}) noexcept {
  return detail::write_wire_into(out, r, options,
                                 [&](detail::span_writer& w, const detail::wire_framing& f) {
                                   detail::write_wire_head(w, r, f);
                                 });
}

/// How many bytes write_wire_to needs for `r` (an owned body included, a body_source not).
[[nodiscard]] inline result<std::size_t> wire_size(const request& r,
                                                   const wire_options& options = {}) noexcept {
  const auto framing = detail::wire_framing_of(r, options);
  if (!framing) return framing.error();
  detail::span_writer measure;
  detail::write_wire_head(measure, r, *framing);
  detail::write_wire_body(measure, r, *framing);
  return measure.needed();
}

/// Reads a body_source to its size, piece by piece, for a transport that writes the head with
/// write_wire and then streams the body. The source must outlive the stream.
class body_stream {
 public:
  explicit constexpr body_stream(const body_source& source) noexcept
      : source_(source), remaining_(source.size) {}

  /// True once body_source::size bytes were read.
  [[nodiscard]] constexpr bool done() const noexcept { return remaining_ == 0; }
  /// Bytes still to read.
  [[nodiscard]] constexpr std::uint64_t remaining() const noexcept { return remaining_; }

  /// Fills the start of `buffer` with the next bytes (never more than remaining()); how many.
  /// 0 once done(). errc::transport_failed when the source returns nothing (or more than it
  /// was asked for) before its size was reached: the request cannot be completed.
  [[nodiscard]] result<std::size_t> read(std::span<std::byte> buffer) noexcept {
    if (remaining_ == 0 || buffer.empty()) return std::size_t{0};
    if (source_.read == nullptr)
      return error{errc::invalid_argument, error::no_offset, "body_source without a read function"};
    const std::size_t want =
        remaining_ < buffer.size() ? static_cast<std::size_t>(remaining_) : buffer.size();
    const std::size_t n = source_.read(source_.context, buffer.first(want));
    if (n == 0 || n > want)
      return error{errc::transport_failed, static_cast<std::size_t>(source_.size - remaining_),
                   "body_source returned fewer bytes than its size"};
    remaining_ -= n;
    return n;
  }

 private:
  body_source source_;
  std::uint64_t remaining_ = 0;
};

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_WIRE_HPP
