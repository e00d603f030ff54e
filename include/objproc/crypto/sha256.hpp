// objproc/crypto/sha256.hpp - SHA-256 (FIPS 180-4): a streaming, constexpr, heap-free context.
//
//   crypto::sha256_context ctx;  ctx.update(a);  ctx.update(b);  sha256_digest d = ctx.finish();
//   sha256_digest d = crypto::sha256(bytes);                       // one shot
// Everything works in constant evaluation: words are loaded and stored with shifts (compilers
// fuse them into one byte-swapped load at run time), never through reinterpret_cast or memcpy.
// The context is a small trivially copyable value: copy it to fork a stream, or save chaining()
// at a block boundary and resume later with sha256_context(chaining, blocks) - HMAC keeps its
// padded-key states that way. compress() is the bare block function, public so that a benchmark
// can measure the floor every signer pays (blocks_for(n) compressions for an n-byte message).
#ifndef OBJPROC_CRYPTO_SHA256_HPP
#define OBJPROC_CRYPTO_SHA256_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>  // index_sequence

#include "objproc/config.hpp"
#include "objproc/crypto/concepts.hpp"  // sha256_digest

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

namespace detail {

// The rounds live outside sha256_context and ahead of it: clang 14 refuses, in constant
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
  const auto role = [](std::size_t letter) { return (letter + 64 - I) % 8; };  // a = 0
  const std::uint32_t a = working[role(0)], b = working[role(1)], c = working[role(2)];
  const std::uint32_t e = working[role(4)], f = working[role(5)], g = working[role(6)];
  const std::uint32_t big_sigma1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
  const std::uint32_t choose = g ^ (e & (f ^ g));
  const std::uint32_t t1 =
      working[role(7)] + big_sigma1 + choose + sha256_round_constants[I] + word;
  const std::uint32_t big_sigma0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
  const std::uint32_t majority = (a & b) | (c & (a | b));
  working[role(3)] += t1;                         // becomes the next e
  working[role(7)] = t1 + big_sigma0 + majority;  // becomes the next a
}

// All rounds, fully unrolled at compile time: every index is a constant, so the compiler can
// keep the working variables and the 16-word schedule window in registers.
template <std::size_t... Round>
constexpr void sha256_rounds(std::array<std::uint32_t, 8>& working, std::uint32_t (&schedule)[16],
                             std::span<const std::byte, 64> block,
                             std::index_sequence<Round...> /*rounds*/) noexcept {
  (sha256_round<Round>(working, schedule, block), ...);
}

}  // namespace detail

class sha256_context {
 public:
  static constexpr std::size_t block_size = 64;
  static constexpr std::size_t digest_size = 32;
  using digest_type = sha256_digest;
  using block_type = std::span<const std::byte, block_size>;
  /// The hash value between blocks (H0..H7 of FIPS 180-4).
  using chaining_state = std::array<std::uint32_t, 8>;

  static constexpr chaining_state initial_state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

  constexpr sha256_context() noexcept = default;

  /// Resumes a stream at a block boundary: `chaining` is the state after `blocks` whole blocks.
  constexpr sha256_context(const chaining_state& chaining, std::uint64_t blocks) noexcept
      : state_(chaining), length_(blocks * block_size) {}

  /// Back to the empty message.
  constexpr void reset() noexcept { *this = sha256_context(); }

  /// Absorbs more input. Whole blocks are compressed straight from `data`, without copying.
  constexpr void update(std::span<const std::byte> data) noexcept {
    const std::size_t used = buffered();
    length_ += data.size();
    if (used != 0) {
      const std::size_t take = std::min(block_size - used, data.size());
      std::copy_n(data.begin(), take, buffer_.begin() + static_cast<std::ptrdiff_t>(used));
      data = data.subspan(take);
      if (used + take < block_size) return;
      compress(state_, buffer_);
    }
    const std::size_t whole = data.size() - data.size() % block_size;
    compress_blocks(state_, data.first(whole));
    std::copy(data.begin() + static_cast<std::ptrdiff_t>(whole), data.end(), buffer_.begin());
  }

  /// Pads, writes the digest and resets the context (ready for a new message).
  constexpr void finish(std::span<std::byte, digest_size> out) noexcept {
    const std::uint64_t bit_length = length_ * 8;
    std::size_t used = buffered();
    buffer_[used++] = std::byte{0x80};
    if (used > block_size - 8) {  // no room left for the length: it goes in one more block
      std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(used), buffer_.end(), std::byte{});
      compress(state_, buffer_);
      used = 0;
    }
    std::fill(buffer_.begin() + static_cast<std::ptrdiff_t>(used), buffer_.end() - 8, std::byte{});
    for (std::size_t i = 0; i < 8; ++i) {
      buffer_[block_size - 1 - i] = static_cast<std::byte>(bit_length >> (8 * i));
    }
    compress(state_, buffer_);
    for (std::size_t i = 0; i < state_.size(); ++i) store_be32(state_[i], out, 4 * i);
    reset();
  }
  [[nodiscard]] constexpr digest_type finish() noexcept {
    digest_type out{};
    finish(out);
    return out;
  }

  /// Bytes absorbed since the start of the message (including resumed blocks).
  [[nodiscard]] constexpr std::uint64_t size() const noexcept { return length_; }
  /// True when no partial block is pending, i.e. chaining() describes the whole stream so far.
  [[nodiscard]] constexpr bool at_block_boundary() const noexcept { return buffered() == 0; }
  /// The state after the last whole block (the stream so far only when at_block_boundary()).
  [[nodiscard]] constexpr const chaining_state& chaining() const noexcept { return state_; }

  /// Compressions needed to hash an n-byte message: padding adds 0x80 and a 64-bit length.
  [[nodiscard]] static constexpr std::uint64_t blocks_for(std::uint64_t message_size) noexcept {
    return (message_size + 8) / block_size + 1;
  }

  /// The SHA-256 compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state, block_type block) noexcept {
    chaining_state working = state;  // a..h
    // C++20 allows an uninitialized local in constant evaluation; each word is written first.
    std::uint32_t schedule[16];
    detail::sha256_rounds(working, schedule, block, std::make_index_sequence<64>{});
    for (std::size_t i = 0; i < state.size(); ++i) state[i] += working[i];
  }

  /// compress() over each whole block of `blocks`; a trailing partial block is ignored.
  static constexpr void compress_blocks(chaining_state& state,
                                        std::span<const std::byte> blocks) noexcept {
    for (std::size_t at = 0; blocks.size() - at >= block_size; at += block_size) {
      compress(state, block_type(blocks.data() + at, block_size));
    }
  }

 private:
  static constexpr void store_be32(std::uint32_t word, std::span<std::byte, digest_size> out,
                                   std::size_t at) noexcept {
    out[at] = static_cast<std::byte>(word >> 24);
    out[at + 1] = static_cast<std::byte>(word >> 16);
    out[at + 2] = static_cast<std::byte>(word >> 8);
    out[at + 3] = static_cast<std::byte>(word);
  }

  [[nodiscard]] constexpr std::size_t buffered() const noexcept {
    return static_cast<std::size_t>(length_ % block_size);
  }

  chaining_state state_ = initial_state;
  std::array<std::byte, block_size> buffer_ = {};  // the pending partial block
  std::uint64_t length_ = 0;                       // message bytes absorbed so far
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
