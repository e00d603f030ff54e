// SPDX-License-Identifier: MIT
// libFuzzer target for the text decoders of core/text.hpp: base64 (standard and URL-safe;
// padding required, forbidden, optional), the base64 text parameters of OSS directives, hex and
// percent-decoding (plain and form); the first input byte selects which. Properties: decoding never
// crashes or writes past its buffer (ASan watches); errors point into the input; the decoders are
// strict, so whatever decodes is the one canonical encoding of its bytes: encode(decode(x)) == x
// (modulo the padding the policy leaves optional); and arbitrary bytes survive encode-then-decode.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "objproc/core/text.hpp"

namespace {

using objproc::base64_alphabet;
using objproc::base64_padding;
using objproc::base64_padding_policy;

template <class R>
void check_error(const R& r, std::size_t size) {
  if (r) return;
  if (r.error().code == objproc::errc::none) std::abort();
  if (r.error().has_offset() && r.error().offset > size) std::abort();
}

void base64(std::string_view text, base64_alphabet a) {
  for (const auto policy : {base64_padding_policy::required, base64_padding_policy::forbidden,
                            base64_padding_policy::optional}) {
    const auto decoded = objproc::from_base64(text, a, policy);
    check_error(decoded, text.size());
    if (!decoded) continue;
    const bool padded = !text.empty() && text.back() == '=';
    if (policy == base64_padding_policy::forbidden && padded) std::abort();
    const bool full = text.size() % 4 == 0;
    if (policy == base64_padding_policy::required && !full) std::abort();
    // Round trip: the input is the encoding of what it decodes to, padded as it was.
    const auto p = (padded || (policy == base64_padding_policy::required))
                       ? base64_padding::padded
                       : base64_padding::unpadded;
    if (objproc::to_base64(*decoded, a, p) != text) std::abort();
    // A buffer one byte short is refused, never overrun.
    if (!decoded->empty()) {
      std::string small(decoded->size() - 1, '\0');
      if (objproc::decode_base64(text, std::span<char>(small), a, policy)) std::abort();
    }
  }
  // Any bytes: encode, then decode with every policy that admits the encoding.
  for (const auto p : {base64_padding::padded, base64_padding::unpadded}) {
    const std::string encoded = objproc::to_base64(text, a, p);
    if (encoded.size() != objproc::base64_encoded_size(text.size(), p)) std::abort();
    const auto back = objproc::from_base64(encoded, a, base64_padding_policy::optional);
    if (!back || *back != text) std::abort();
  }
}

void base64_text(std::string_view text) {
  std::array<char, 256> buffer{};
  const auto r = objproc::detail::decode_base64_text(text, buffer);
  check_error(r, text.size());
  if (!r) return;
  if (!objproc::check_utf8(r->text)) std::abort();
  if (objproc::to_base64(r->text, base64_alphabet::url_safe, base64_padding::unpadded) !=
      r->unpadded)
    std::abort();
}

void hex(std::string_view text) {
  const auto decoded = objproc::from_hex(text);
  check_error(decoded, text.size());
  if (decoded) {
    // Either case decodes; the encoder writes one, so compare case-insensitively.
    const std::string lower = objproc::to_hex(*decoded);
    if (lower.size() != text.size()) std::abort();
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c =
          text[i] >= 'A' && text[i] <= 'F' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
      if (c != lower[i]) std::abort();
    }
  }
  const auto back = objproc::from_hex(objproc::to_hex(text, objproc::hex_case::upper));
  if (!back || *back != text) std::abort();
}

void percent(std::string_view text) {
  for (const auto mode : {objproc::percent_decoding::plain, objproc::percent_decoding::form}) {
    const auto decoded = objproc::from_percent_encoded(text, mode);
    check_error(decoded, text.size());
    if (decoded && decoded->size() > text.size()) std::abort();
  }
  // Encode with each set, then decode (form encoding with form decoding): the bytes come back.
  for (const auto set :
       {objproc::percent_set::component, objproc::percent_set::path, objproc::percent_set::form}) {
    const std::string encoded = objproc::to_percent_encoded(text, set);
    if (encoded.size() != objproc::percent_encoded_size(text, set)) std::abort();
    const auto mode = set == objproc::percent_set::form ? objproc::percent_decoding::form
                                                        : objproc::percent_decoding::plain;
    const auto back = objproc::from_percent_encoded(encoded, mode);
    if (!back || *back != text) std::abort();
    // Encoded text is plain ASCII with no character that would need encoding again, but '%'.
    for (const char c : encoded)
      if (!objproc::detail::stays_literal(c, set) && c != '%' &&
          !(set == objproc::percent_set::form && c == '+'))
        std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first byte picks the codec, so each execution does one family of checks (five times
  // the executions per second of running them all on every input).
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      base64(text, base64_alphabet::standard);
      break;
    case 1:
      base64(text, base64_alphabet::url_safe);
      break;
    case 2:
      base64_text(text);
      break;
    case 3:
      hex(text);
      break;
    default:
      percent(text);
      break;
  }
  return 0;
}
