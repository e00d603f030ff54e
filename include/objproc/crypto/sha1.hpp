// SPDX-License-Identifier: MIT
// objproc/crypto/sha1.hpp - SHA-1 (FIPS 180-4): a streaming, constexpr, heap-free context.
//
//   crypto::sha1_context ctx;  ctx.update(a);  ctx.update(b);  sha1_digest d = ctx.finish();
//   sha1_digest d = crypto::sha1(bytes);                       // one shot
// SHA-1 is broken for collision resistance; it is here because some object-storage APIs still
// sign with HMAC-SHA1 (HMAC does not rely on collision resistance). Same shape as sha256_context
// (see sha256.hpp), over the same block_hash_context (block_hash.hpp): constexpr throughout, no
// reinterpret_cast, a trivially copyable value that can be forked by copying or resumed from
// chaining() at a block boundary; compress() is public. This file is the compression function.
#ifndef OBJPROC_CRYPTO_SHA1_HPP
#define OBJPROC_CRYPTO_SHA1_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>  // index_sequence

#include "objproc/config.hpp"
#include "objproc/crypto/block_hash.hpp"
#include "objproc/crypto/concepts.hpp"  // sha1_digest

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

namespace detail {

// The slot of `working` that holds role `letter` (a = 0) at step `step`: a plain function, not
// a lambda in the step template (one closure type per step, 80 of them, in every includer).
[[nodiscard]] constexpr std::size_t sha1_slot(std::size_t letter, std::size_t step) noexcept {
  return (letter + 80 - step) % 5;
}

// Round I: schedules word I in a 16-word window, then mixes it in. The five roles a..e
// rotate through the slots of `working` instead of the values moving one slot each round.
// Outside sha1_traits and ahead of it: clang 14 refuses, in constant evaluation, a member
// template defined after the member function that calls it.
template <std::size_t I>
constexpr void sha1_round(std::array<std::uint32_t, 5>& working, std::uint32_t (&schedule)[16],
                          std::span<const std::byte, 64> block) noexcept {
  std::uint32_t& word = schedule[I % 16];
  if constexpr (I < 16) {  // big-endian load, spelled out so that it is always inlined
    word = (std::to_integer<std::uint32_t>(block[4 * I]) << 24) |
           (std::to_integer<std::uint32_t>(block[4 * I + 1]) << 16) |
           (std::to_integer<std::uint32_t>(block[4 * I + 2]) << 8) |
           std::to_integer<std::uint32_t>(block[4 * I + 3]);
  } else {
    const std::uint32_t mixed_words =
        schedule[(I + 13) % 16] ^ schedule[(I + 8) % 16] ^ schedule[(I + 2) % 16] ^ word;
    word = std::rotl(mixed_words, 1);
  }
  const std::uint32_t a = working[sha1_slot(0, I)], b = working[sha1_slot(1, I)];
  const std::uint32_t c = working[sha1_slot(2, I)], d = working[sha1_slot(3, I)];
  std::uint32_t mixed = b ^ c ^ d;  // parity: rounds 20-39 and 60-79
  std::uint32_t constant = I < 40 ? 0x6ed9eba1 : 0xca62c1d6;
  if constexpr (I < 20) {
    mixed = d ^ (b & (c ^ d));  // choose
    constant = 0x5a827999;
  } else if constexpr (I >= 40 && I < 60) {
    mixed = (b & c) | (d & (b | c));  // majority
    constant = 0x8f1bbcdc;
  }
  working[sha1_slot(4, I)] += std::rotl(a, 5) + mixed + constant + word;  // becomes the next a
  working[sha1_slot(1, I)] = std::rotl(b, 30);                            // becomes the next c
}

// All rounds, fully unrolled at compile time: every index is a constant, so the compiler can
// keep the working variables and the 16-word schedule window in registers.
template <std::size_t... Round>
constexpr void sha1_rounds(std::array<std::uint32_t, 5>& working, std::uint32_t (&schedule)[16],
                           std::span<const std::byte, 64> block,
                           std::index_sequence<Round...> /*rounds*/) noexcept {
  (sha1_round<Round>(working, schedule, block), ...);
}

/// SHA-1 as a block_hash_context: the rounds above supply the compression function.
struct sha1_traits {
  static constexpr std::size_t digest_size = 20;
  /// The hash value between blocks (H0..H4 of FIPS 180-4).
  using chaining_state = std::array<std::uint32_t, 5>;

  static constexpr chaining_state initial_state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                                   0xc3d2e1f0};

  /// The SHA-1 compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state,
                                 std::span<const std::byte, 64> block) noexcept {
    chaining_state working = state;  // a..e
    // C++20 allows an uninitialized local in constant evaluation; each word is written first.
    std::uint32_t schedule[16];
    sha1_rounds(working, schedule, block, std::make_index_sequence<80>{});
    for (std::size_t i = 0; i < state.size(); ++i) state[i] += working[i];
  }
};

}  // namespace detail

// A class rather than an alias of block_hash_context<...>: sha1_context stays a type of its own
// (it can be forward-declared, and diagnostics name it).
class sha1_context : public block_hash_context<detail::sha1_traits> {
 public:
  using block_hash_context::block_hash_context;
};

/// SHA-1 of `message` in one call.
[[nodiscard]] constexpr sha1_digest sha1(std::span<const std::byte> message) noexcept {
  sha1_context context;
  context.update(message);
  return context.finish();
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_SHA1_HPP
