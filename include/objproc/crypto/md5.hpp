// SPDX-License-Identifier: MIT
// objproc/crypto/md5.hpp - MD5 (RFC 1321): a streaming, constexpr, heap-free context, and the
// Content-MD5 header text (RFC 1864) the object-storage services check request bodies with.
//
//   crypto::md5_context ctx;  ctx.update(a);  ctx.update(b);  md5_digest d = ctx.finish();
//   md5_digest d = crypto::md5(bytes);                              // one shot
//   fixed_string<24> h = crypto::content_md5(body);                 // "1B2M2Y8AsgTpgAmY7PhCfg=="
//   crypto::check_content_md5(text);                                // 24 characters, 16 bytes
// MD5 is broken for collision resistance. It is here for integrity headers only (Content-MD5,
// which COS and OSS compare with the body they receive, answering BadDigest or InvalidDigest on
// a mismatch); it is not part of the crypto_provider concept and nothing signs with it. Same
// shape as sha1_context (sha1.hpp) over the same block_hash_context (block_hash.hpp, with MD5's
// little-endian length and digest): constexpr throughout, no reinterpret_cast, a trivially
// copyable value. This file is the compression function and the header text.
#ifndef OBJPROC_CRYPTO_MD5_HPP
#define OBJPROC_CRYPTO_MD5_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>  // index_sequence

#include "objproc/config.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/crypto/block_hash.hpp"

OBJPROC_NAMESPACE_BEGIN

/// An MD5 digest (RFC 1321): 16 bytes.
using md5_digest = std::array<std::byte, 16>;

namespace crypto {

namespace detail {

/// T[1..64] of RFC 1321 §3.4: floor(2^32 * |sin(i)|).
inline constexpr std::array<std::uint32_t, 64> md5_sines = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

/// The left rotations of RFC 1321 §3.4, four per round.
inline constexpr std::array<int, 16> md5_shifts = {7, 12, 17, 22, 5, 9,  14, 20,
                                                   4, 11, 16, 23, 6, 10, 15, 21};

// The slot of `working` that holds role `letter` (a = 0) at step `step`: a plain function, not
// a lambda in the step template (one closure type per step, 64 of them, in every includer).
[[nodiscard]] constexpr std::size_t md5_slot(std::size_t letter, std::size_t step) noexcept {
  return (letter + 64 - step) % 4;
}

// Step I of the four rounds. The roles a..d rotate through the slots of `working` instead of
// the values moving one slot each step (after 64 steps every role is back in its slot).
// Outside md5_traits and ahead of it: clang 14 refuses, in constant evaluation, a member
// template defined after the member function that calls it.
template <std::size_t I>
constexpr void md5_step(std::array<std::uint32_t, 4>& working,
                        const std::uint32_t (&words)[16]) noexcept {
  const std::uint32_t a = working[md5_slot(0, I)], b = working[md5_slot(1, I)];
  const std::uint32_t c = working[md5_slot(2, I)], d = working[md5_slot(3, I)];
  std::uint32_t mixed = 0;
  std::size_t word = 0;
  if constexpr (I < 16) {
    mixed = d ^ (b & (c ^ d));  // F: (b & c) | (~b & d)
    word = I;
  } else if constexpr (I < 32) {
    mixed = c ^ (d & (b ^ c));  // G: (b & d) | (c & ~d)
    word = (5 * I + 1) % 16;
  } else if constexpr (I < 48) {
    mixed = b ^ c ^ d;  // H
    word = (3 * I + 5) % 16;
  } else {
    mixed = c ^ (b | ~d);  // I
    word = (7 * I) % 16;
  }
  const int shift = md5_shifts[I / 16 * 4 + I % 4];
  // becomes the next b
  working[md5_slot(0, I)] = b + std::rotl(a + mixed + md5_sines[I] + words[word], shift);
}

template <std::size_t... Step>
constexpr void md5_steps(std::array<std::uint32_t, 4>& working, const std::uint32_t (&words)[16],
                         std::index_sequence<Step...> /*steps*/) noexcept {
  (md5_step<Step>(working, words), ...);
}

/// MD5 as a block_hash_context: the steps above supply the compression function.
struct md5_traits {
  static constexpr std::size_t digest_size = 16;
  static constexpr bool little_endian = true;
  /// The chaining variables A, B, C, D of RFC 1321 §3.3.
  using chaining_state = std::array<std::uint32_t, 4>;

  static constexpr chaining_state initial_state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

  /// The MD5 compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state,
                                 std::span<const std::byte, 64> block) noexcept {
    std::uint32_t words[16] = {};
    for (std::size_t i = 0; i < 16; ++i) {  // little-endian loads, spelled out: constexpr
      words[i] = std::to_integer<std::uint32_t>(block[4 * i]) |
                 (std::to_integer<std::uint32_t>(block[4 * i + 1]) << 8) |
                 (std::to_integer<std::uint32_t>(block[4 * i + 2]) << 16) |
                 (std::to_integer<std::uint32_t>(block[4 * i + 3]) << 24);
    }
    chaining_state working = state;
    md5_steps(working, words, std::make_index_sequence<64>{});
    for (std::size_t i = 0; i < state.size(); ++i) state[i] += working[i];
  }
};

}  // namespace detail

// A class rather than an alias of block_hash_context<...>: md5_context stays a type of its own.
class md5_context : public block_hash_context<detail::md5_traits> {
 public:
  using block_hash_context::block_hash_context;

  /// Absorbs text (constexpr: copied through a block-sized buffer, never reinterpreted).
  constexpr void update_text(std::string_view text) noexcept {
    std::array<std::byte, block_size> chunk{};
    while (!text.empty()) {
      const std::size_t n = text.size() < block_size ? text.size() : block_size;
      for (std::size_t i = 0; i < n; ++i) chunk[i] = static_cast<std::byte>(text[i]);
      update(std::span<const std::byte>(chunk.data(), n));
      text.remove_prefix(n);
    }
  }
};

/// MD5 of `message` in one call.
[[nodiscard]] constexpr md5_digest md5(std::span<const std::byte> message) noexcept {
  md5_context context;
  context.update(message);
  return context.finish();
}
/// MD5 of the bytes of `text`.
[[nodiscard]] constexpr md5_digest md5(std::string_view text) noexcept {
  md5_context context;
  context.update_text(text);
  return context.finish();
}

/// Content-MD5 text of a digest: standard base64 with padding (RFC 1864), always 24 characters.
[[nodiscard]] constexpr fixed_string<24> content_md5(const md5_digest& digest) noexcept {
  fixed_string<24> out;
  (void)encode_base64(std::span<const std::byte>(digest), std::span<char>(out.data, 24),
                      base64_alphabet::standard, base64_padding::padded);  // exact size: no error
  return out;
}
/// Content-MD5 text of a body.
[[nodiscard]] constexpr fixed_string<24> content_md5(std::span<const std::byte> body) noexcept {
  return content_md5(md5(body));
}
[[nodiscard]] constexpr fixed_string<24> content_md5(std::string_view body) noexcept {
  return content_md5(md5(body));
}

/// Whether `text` is a Content-MD5 value: standard base64 with padding of exactly 16 bytes, in
/// its only encoding (24 characters, "==" last). The error keeps the base64 decoder's code and
/// offset, in fields::content_md5.
[[nodiscard]] constexpr result<void> check_content_md5(std::string_view text) noexcept {
  if (text.size() != 24)
    return error{errc::invalid_argument, error::no_offset,
                 "Content-MD5: base64 of 16 bytes is 24 characters"}
        .in_field(fields::content_md5);
  std::array<std::byte, 18> bytes{};
  auto n = decode_base64(text, std::span<std::byte>(bytes), base64_alphabet::standard,
                         base64_padding_policy::required);
  if (!n)
    return error{n.error().code, n.error().offset,
                 "Content-MD5: not standard base64 of 16 bytes with padding"}
        .in_field(fields::content_md5);
  if (*n != 16)  // 24 characters without padding would be 18 bytes
    return error{errc::invalid_padding, 22, "Content-MD5: base64 of 16 bytes ends with \"==\""}
        .in_field(fields::content_md5);
  return {};
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_MD5_HPP
