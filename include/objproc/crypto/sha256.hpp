// SPDX-License-Identifier: MIT
// objproc/crypto/sha256.hpp - SHA-256 (FIPS 180-4): a streaming, constexpr, heap-free context.
//
//   crypto::sha256_context ctx;  ctx.update(a);  ctx.update(b);  sha256_digest d = ctx.finish();
//   sha256_digest d = crypto::sha256(bytes);                       // one shot
// Everything works in constant evaluation: words are loaded and stored with shifts (compilers
// fuse them into one byte-swapped load at run time), never through reinterpret_cast or memcpy.
// The streaming part (buffering, padding, resuming) is block_hash_context (block_hash.hpp), shared
// with SHA-1; this file is the compression function. The context is a small trivially copyable
// value: copy it to fork a stream, or save chaining() at a block boundary and resume later with
// sha256_context(chaining, blocks) - HMAC keeps its padded-key states that way. compress() is the
// bare block function, public so that a benchmark can measure the floor every signer pays
// (blocks_for(n) compressions for an n-byte message).
#ifndef OBJPROC_CRYPTO_SHA256_HPP
#define OBJPROC_CRYPTO_SHA256_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>  // index_sequence

#include "objproc/config.hpp"
#include "objproc/crypto/block_hash.hpp"
#include "objproc/crypto/concepts.hpp"  // sha256_digest

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

namespace detail {

// The rounds live outside sha256_traits and ahead of it: clang 14 refuses, in constant
// evaluation, a member template defined after the member function that calls it.

/// K0..K63 of FIPS 180-4.
inline constexpr std::array<std::uint32_t, 64> sha256_round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

[[nodiscard]] constexpr std::uint32_t sha256_small_sigma0(std::uint32_t x) noexcept {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
[[nodiscard]] constexpr std::uint32_t sha256_small_sigma1(std::uint32_t x) noexcept {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}

// The slot of `working` that holds role `letter` (a = 0) at step `step`: a plain function, not
// a lambda in the step template (one closure type per step, 64 of them, in every includer).
[[nodiscard]] constexpr std::size_t sha256_slot(std::size_t letter, std::size_t step) noexcept {
  return (letter + 64 - step) % 8;
}

// Round I: schedules word I in a 16-word window, then mixes it in. The eight roles a..h
// rotate through the slots of `working` instead of the values moving one slot each round.
template <std::size_t I>
constexpr void sha256_round(std::array<std::uint32_t, 8>& working, std::uint32_t (&schedule)[16],
                            std::span<const std::byte, 64> block) noexcept {
  std::uint32_t& word = schedule[I % 16];
  if constexpr (I < 16) {  // big-endian load, spelled out so that it is always inlined
    word = (std::to_integer<std::uint32_t>(block[4 * I]) << 24) |
           (std::to_integer<std::uint32_t>(block[4 * I + 1]) << 16) |
           (std::to_integer<std::uint32_t>(block[4 * I + 2]) << 8) |
           std::to_integer<std::uint32_t>(block[4 * I + 3]);
  } else {
    word += sha256_small_sigma1(schedule[(I + 14) % 16]) + schedule[(I + 9) % 16] +
            sha256_small_sigma0(schedule[(I + 1) % 16]);
  }
  const std::uint32_t a = working[sha256_slot(0, I)], b = working[sha256_slot(1, I)],
                      c = working[sha256_slot(2, I)];
  const std::uint32_t e = working[sha256_slot(4, I)], f = working[sha256_slot(5, I)],
                      g = working[sha256_slot(6, I)];
  const std::uint32_t big_sigma1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
  const std::uint32_t choose = g ^ (e & (f ^ g));
  const std::uint32_t t1 =
      working[sha256_slot(7, I)] + big_sigma1 + choose + sha256_round_constants[I] + word;
  const std::uint32_t big_sigma0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
  const std::uint32_t majority = (a & b) | (c & (a | b));
  working[sha256_slot(3, I)] += t1;                         // becomes the next e
  working[sha256_slot(7, I)] = t1 + big_sigma0 + majority;  // becomes the next a
}

// All rounds, fully unrolled at compile time: every index is a constant, so the compiler can
// keep the working variables and the 16-word schedule window in registers.
template <std::size_t... Round>
constexpr void sha256_rounds(std::array<std::uint32_t, 8>& working, std::uint32_t (&schedule)[16],
                             std::span<const std::byte, 64> block,
                             std::index_sequence<Round...> /*rounds*/) noexcept {
  (sha256_round<Round>(working, schedule, block), ...);
}

/// SHA-256 as a block_hash_context: the rounds above supply the compression function.
struct sha256_traits {
  static constexpr std::size_t digest_size = 32;
  /// The hash value between blocks (H0..H7 of FIPS 180-4).
  using chaining_state = std::array<std::uint32_t, 8>;

  static constexpr chaining_state initial_state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

  /// The SHA-256 compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state,
                                 std::span<const std::byte, 64> block) noexcept {
    chaining_state working = state;  // a..h
    // C++20 allows an uninitialized local in constant evaluation; each word is written first.
    std::uint32_t schedule[16];
    sha256_rounds(working, schedule, block, std::make_index_sequence<64>{});
    for (std::size_t i = 0; i < state.size(); ++i) state[i] += working[i];
  }
};

}  // namespace detail

// A class rather than an alias of block_hash_context<...>: sha256_context stays a type of its own
// (it can be forward-declared, and diagnostics name it).
class sha256_context : public block_hash_context<detail::sha256_traits> {
 public:
  using block_hash_context::block_hash_context;
};

/// SHA-256 of `message` in one call.
[[nodiscard]] constexpr sha256_digest sha256(std::span<const std::byte> message) noexcept {
  sha256_context context;
  context.update(message);
  return context.finish();
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_SHA256_HPP
