// SPDX-License-Identifier: MIT
// libFuzzer target for the HTTP response head reader (http/response.hpp). Properties: reading
// never crashes (ASan/UBSan watch); an error has a code and an offset inside the input and
// leaves the output untouched; an accepted head ends inside the input right after a line feed,
// has a status in 100..599, token header names and values without CR, LF, NUL or surrounding
// blanks; and the head written back in canonical form ("HTTP/1.1 <status>", "name: value",
// CRLF) reads back to the same status and headers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "objproc/http/response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = objproc::http;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  http::response out;
  out.status = -1;
  const auto at = http::parse_response_head(text, out);
  if (!at) {
    if (at.error().code == objproc::errc::none) std::abort();
    if (at.error().has_offset() && at.error().offset > size) std::abort();
    if (out.status != -1 || !out.headers.empty()) std::abort();  // untouched on error
    return 0;
  }
  if (*at == 0 || *at > size || text[*at - 1] != '\n') std::abort();
  if (out.status < 100 || out.status > 599) std::abort();
  std::string again = "HTTP/1.1 " + std::to_string(out.status) + "\r\n";
  for (const http::header& h : out.headers) {
    if (h.name.empty() || !objproc::http::detail::check_header_name(h.name)) std::abort();
    for (const char c : h.value)
      if (c == '\r' || c == '\n' || c == '\0') std::abort();
    if (!h.value.empty() && (h.value.front() == ' ' || h.value.front() == '\t' ||
                             h.value.back() == ' ' || h.value.back() == '\t'))
      std::abort();
    again += h.name + ": " + h.value + "\r\n";
  }
  again += "\r\n";
  const auto back = http::parse_response_head(again);
  if (!back || back->status != out.status || back->headers.size() != out.headers.size())
    std::abort();
  for (std::size_t i = 0; i < out.headers.size(); ++i)
    if (back->headers[i].name != out.headers[i].name ||
        back->headers[i].value != out.headers[i].value)
      std::abort();
  // The status line alone agrees with the head's reader on its first line.
  if (out.status >= 200) {
    const std::size_t lf = text.find('\n');
    const auto status = http::parse_status_line(text.substr(0, lf + 1));
    if (status && *status >= 200 && *status != out.status) std::abort();
  }
  return 0;
}
