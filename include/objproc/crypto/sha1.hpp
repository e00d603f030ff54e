// objproc/crypto/sha1.hpp - SHA-1 (FIPS 180-4): a streaming, constexpr, heap-free context.
//
//   crypto::sha1_context ctx;  ctx.update(a);  ctx.update(b);  sha1_digest d = ctx.finish();
//   sha1_digest d = crypto::sha1(bytes);                       // one shot
// SHA-1 is broken for collision resistance; it is here because some object-storage APIs still
// sign with HMAC-SHA1 (HMAC does not rely on collision resistance). Same shape as sha256_context
// (see sha256.hpp): constexpr throughout, no reinterpret_cast, a trivially copyable value that
// can be forked by copying or resumed from chaining() at a block boundary; compress() is public.
#ifndef OBJPROC_CRYPTO_SHA1_HPP
#define OBJPROC_CRYPTO_SHA1_HPP

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>  // index_sequence

#include "objproc/config.hpp"
#include "objproc/crypto/concepts.hpp"  // sha1_digest

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

namespace detail {

// Round I: schedules word I in a 16-word window, then mixes it in. The five roles a..e
// rotate through the slots of `working` instead of the values moving one slot each round.
// Outside sha1_context and ahead of it: clang 14 refuses, in constant evaluation, a member
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
  const auto role = [](std::size_t letter) { return (letter + 80 - I) % 5; };  // a = 0
  const std::uint32_t a = working[role(0)], b = working[role(1)];
  const std::uint32_t c = working[role(2)], d = working[role(3)];
  std::uint32_t mixed = b ^ c ^ d;  // parity: rounds 20-39 and 60-79
  std::uint32_t constant = I < 40 ? 0x6ed9eba1 : 0xca62c1d6;
  if constexpr (I < 20) {
    mixed = d ^ (b & (c ^ d));  // choose
    constant = 0x5a827999;
  } else if constexpr (I >= 40 && I < 60) {
    mixed = (b & c) | (d & (b | c));  // majority
    constant = 0x8f1bbcdc;
  }
  working[role(4)] += std::rotl(a, 5) + mixed + constant + word;  // becomes the next a
  working[role(1)] = std::rotl(b, 30);                            // becomes the next c
}

// All rounds, fully unrolled at compile time: every index is a constant, so the compiler can
// keep the working variables and the 16-word schedule window in registers.
template <std::size_t... Round>
constexpr void sha1_rounds(std::array<std::uint32_t, 5>& working, std::uint32_t (&schedule)[16],
                           std::span<const std::byte, 64> block,
                           std::index_sequence<Round...> /*rounds*/) noexcept {
  (sha1_round<Round>(working, schedule, block), ...);
}

}  // namespace detail

class sha1_context {
 public:
  static constexpr std::size_t block_size = 64;
  static constexpr std::size_t digest_size = 20;
  using digest_type = sha1_digest;
  using block_type = std::span<const std::byte, block_size>;
  /// The hash value between blocks (H0..H4 of FIPS 180-4).
  using chaining_state = std::array<std::uint32_t, 5>;

  static constexpr chaining_state initial_state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                                   0xc3d2e1f0};

  constexpr sha1_context() noexcept = default;

  /// Resumes a stream at a block boundary: `chaining` is the state after `blocks` whole blocks.
  constexpr sha1_context(const chaining_state& chaining, std::uint64_t blocks) noexcept
      : state_(chaining), length_(blocks * block_size) {}

  /// Back to the empty message.
  constexpr void reset() noexcept { *this = sha1_context(); }

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

  /// The SHA-1 compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state, block_type block) noexcept {
    chaining_state working = state;  // a..e
    // C++20 allows an uninitialized local in constant evaluation; each word is written first.
    std::uint32_t schedule[16];
    detail::sha1_rounds(working, schedule, block, std::make_index_sequence<80>{});
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

/// SHA-1 of `message` in one call.
[[nodiscard]] constexpr sha1_digest sha1(std::span<const std::byte> message) noexcept {
  sha1_context context;
  context.update(message);
  return context.finish();
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_SHA1_HPP
