// SPDX-License-Identifier: MIT
// objproc/core/render.hpp - render_buffer: where the typed builders of both vendors write their
// text before the parser checks it. Inline storage (no heap, constexpr), decimal numbers, and
// URL-safe unpadded base64 of text, which is how every text parameter of a processing string is
// carried. The vendors' own syntax (",key_value" for OSS, "/key/value" for CI) stays with them.
#ifndef OBJPROC_CORE_RENDER_HPP
#define OBJPROC_CORE_RENDER_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/text.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {

template <std::size_t Capacity>
class render_buffer {
 public:
  constexpr void put(char c) noexcept {
    if (size_ < buffer_.size())
      buffer_[size_++] = c;
    else
      overflow_ = true;
  }
  constexpr void put(std::string_view s) noexcept {
    for (const char c : s) put(c);
  }
  /// Operation names read better as name("resize") than as put("resize").
  constexpr void name(std::string_view op) noexcept { put(op); }

  /// Decimal, with '-' for negatives.
  constexpr void number(std::int64_t v) noexcept {
    if (v < 0) put('-');
    std::uint64_t rest = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    char digits[20] = {};
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    while (n > 0) put(digits[--n]);
  }

  /// URL-safe base64, unpadded, of the parts joined (e.g. key + "?process=" + style):
  /// joined first so that the 3-byte groups run across the parts.
  constexpr void encode(std::string_view part1, std::string_view part2 = {},
                        std::string_view part3 = {}) noexcept {
    std::array<char, Capacity> joined{};
    std::size_t n = 0;
    for (const std::string_view part : {part1, part2, part3})
      for (const char c : part) {
        if (n == joined.size()) {
          overflow_ = true;
          return;
        }
        joined[n++] = c;
      }
    const std::size_t need = base64_encoded_size(n, base64_padding::unpadded);
    if (size_ + need > buffer_.size()) {
      overflow_ = true;
      return;
    }
    (void)encode_base64(std::string_view(joined.data(), n),
                        std::span<char>(buffer_.data() + size_, need), base64_alphabet::url_safe,
                        base64_padding::unpadded);
    size_ += need;
  }

  [[nodiscard]] constexpr std::string_view text() const noexcept { return {buffer_.data(), size_}; }
  /// Something did not fit: the caller reports errc::style_too_long instead of a cut text.
  [[nodiscard]] constexpr bool overflowed() const noexcept { return overflow_; }

 private:
  std::array<char, Capacity> buffer_{};
  std::size_t size_ = 0;
  bool overflow_ = false;
};

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_RENDER_HPP
