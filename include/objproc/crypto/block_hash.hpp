// SPDX-License-Identifier: MIT
// objproc/crypto/block_hash.hpp - the streaming Merkle-Damgard context under SHA-1, SHA-256
// and MD5.
//
// block_hash_context<Traits> is everything in sha1_context, sha256_context and md5_context but
// the block function: the pending partial block, the message length, the FIPS 180-4 / RFC 1321
// padding (0x80, zeros, the length in bits as 64 bits) and the digest. Traits supply the rest:
//   Traits::digest_size                  digest bytes: the whole chaining state, 4 per word
//   Traits::chaining_state               the hash value between blocks: std::array<uint32_t, N>
//   Traits::initial_state                the chaining state of the empty message
//   Traits::compress(state, block)       folds one 64-byte block into state; constexpr noexcept
//   Traits::little_endian (optional)     true for MD5: the length and the digest words are
//                                        written little-endian; absent or false: big-endian (SHA)
// Like the contexts built on it, it is constexpr throughout, never allocates and is a small
// trivially copyable value: copy it to fork a stream, or save chaining() at a block boundary and
// resume later with (chaining, blocks).
#ifndef OBJPROC_CRYPTO_BLOCK_HASH_HPP
#define OBJPROC_CRYPTO_BLOCK_HASH_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "objproc/config.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

namespace detail {

template <class Traits>
[[nodiscard]] consteval bool is_little_endian_hash() noexcept {
  if constexpr (requires { Traits::little_endian; })
    return Traits::little_endian;
  else
    return false;
}

}  // namespace detail

template <class Traits>
class block_hash_context {
 public:
  // 64-byte blocks and a 64-bit length: MD5, SHA-1, SHA-256 (SHA-512 would need 128/128).
  static constexpr std::size_t block_size = 64;
  /// Byte order of the length field and of the digest words: little for MD5, big for SHA.
  static constexpr bool little_endian = detail::is_little_endian_hash<Traits>();
  static constexpr std::size_t digest_size = Traits::digest_size;
  using digest_type = std::array<std::byte, digest_size>;
  using block_type = std::span<const std::byte, block_size>;
  using chaining_state = typename Traits::chaining_state;

  static constexpr chaining_state initial_state = Traits::initial_state;

  static_assert(digest_size == 4 * initial_state.size(),
                "finish() writes every word of the chaining state, big-endian, as the digest");

  // No member templates here, and the block functions come before their callers: clang 14
  // refuses, in constant evaluation, a member template defined after the member that calls it
  // (hence also the namespace-scope round templates ahead of each Traits).

  /// The bare compression function: folds one 64-byte block into `state`.
  static constexpr void compress(chaining_state& state, block_type block) noexcept {
    Traits::compress(state, block);
  }

  /// compress() over each whole block of `blocks`; a trailing partial block is ignored.
  static constexpr void compress_blocks(chaining_state& state,
                                        std::span<const std::byte> blocks) noexcept {
    for (std::size_t at = 0; blocks.size() - at >= block_size; at += block_size) {
      compress(state, block_type(blocks.data() + at, block_size));
    }
  }

  /// Compressions needed to hash an n-byte message: padding adds 0x80 and a 64-bit length.
  [[nodiscard]] static constexpr std::uint64_t blocks_for(std::uint64_t message_size) noexcept {
    return (message_size + 8) / block_size + 1;
  }

  constexpr block_hash_context() noexcept = default;

  /// Resumes a stream at a block boundary: `chaining` is the state after `blocks` whole blocks.
  constexpr block_hash_context(const chaining_state& chaining, std::uint64_t blocks) noexcept
      : state_(chaining), length_(blocks * block_size) {}

  /// Back to the empty message.
  constexpr void reset() noexcept { *this = block_hash_context(); }

  /// Absorbs more input. Whole blocks are compressed straight from `data`, without copying.
  constexpr void update(std::span<const std::byte> data) noexcept {
    const std::size_t used = buffered();
    length_ += data.size();
    if (used != 0) {
      const std::size_t room = block_size - used;
      const std::size_t take = data.size() < room ? data.size() : room;
      for (std::size_t i = 0; i < take; ++i) buffer_[used + i] = data[i];
      data = data.subspan(take);
      if (used + take < block_size) return;
      compress(state_, buffer_);
    }
    const std::size_t whole = data.size() - data.size() % block_size;
    compress_blocks(state_, data.first(whole));
    for (std::size_t i = whole; i < data.size(); ++i) buffer_[i - whole] = data[i];
  }

  /// Pads, writes the digest and resets the context (ready for a new message).
  constexpr void finish(std::span<std::byte, digest_size> out) noexcept {
    const std::uint64_t bit_length = length_ * 8;
    std::size_t used = buffered();
    buffer_[used++] = std::byte{0x80};
    if (used > block_size - 8) {  // no room left for the length: it goes in one more block
      for (std::size_t i = used; i < block_size; ++i) buffer_[i] = std::byte{};
      compress(state_, buffer_);
      used = 0;
    }
    for (std::size_t i = used; i < block_size - 8; ++i) buffer_[i] = std::byte{};
    for (std::size_t i = 0; i < 8; ++i) {
      const std::size_t at = little_endian ? block_size - 8 + i : block_size - 1 - i;
      buffer_[at] = static_cast<std::byte>(bit_length >> (8 * i));
    }
    compress(state_, buffer_);
    if constexpr (little_endian) {
      for (std::size_t i = 0; i < state_.size(); ++i) {
        const std::uint32_t word = state_[i];
        out[4 * i] = static_cast<std::byte>(word);
        out[4 * i + 1] = static_cast<std::byte>(word >> 8);
        out[4 * i + 2] = static_cast<std::byte>(word >> 16);
        out[4 * i + 3] = static_cast<std::byte>(word >> 24);
      }
    } else {
      for (std::size_t i = 0; i < state_.size(); ++i) {  // big-endian, spelled out: constexpr
        // A copy of the word: `out` may alias state_ (std::byte), so reading state_[i] per byte
        // would stop the compiler from fusing the four stores into one byte-swapped store.
        const std::uint32_t word = state_[i];
        out[4 * i] = static_cast<std::byte>(word >> 24);
        out[4 * i + 1] = static_cast<std::byte>(word >> 16);
        out[4 * i + 2] = static_cast<std::byte>(word >> 8);
        out[4 * i + 3] = static_cast<std::byte>(word);
      }
    }
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

 private:
  [[nodiscard]] constexpr std::size_t buffered() const noexcept {
    return static_cast<std::size_t>(length_ % block_size);
  }

  chaining_state state_ = initial_state;
  std::array<std::byte, block_size> buffer_ = {};  // the pending partial block
  std::uint64_t length_ = 0;                       // message bytes absorbed so far
};

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_BLOCK_HASH_HPP
