// SPDX-License-Identifier: MIT
// objproc/crypto/hmac.hpp - HMAC (RFC 2104) over the built-in hash contexts, constexpr.
//
//   crypto::hmac_sha256_key key(secret);    // absorbs the padded key once: two compressions
//   sha256_digest tag = key.sign(message);  // then two per short message instead of four
//   crypto::hmac_sha256_context mac(key);  mac.update(a);  mac.update(b);  tag = mac.finish();
//   sha256_digest tag = crypto::hmac_sha256(secret, message);             // one shot
// A key is stored as the two chaining states after compressing (K ^ ipad) and (K ^ opad), so it
// is a small trivially copyable value (64 bytes for SHA-256) that a cache can hold: equivalent
// to the secret itself, so treat it like one. Keys longer than a block are hashed first.
#ifndef OBJPROC_CRYPTO_HMAC_HPP
#define OBJPROC_CRYPTO_HMAC_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>

#include "objproc/config.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/crypto/sha1.hpp"
#include "objproc/crypto/sha256.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

/// A Merkle-Damgard hash context that HMAC can resume from a saved chaining state, like
/// sha1_context and sha256_context.
template <class H>
concept resumable_hash = std::default_initializable<H> && std::copyable<H> &&
    requires(H h, typename H::chaining_state state, std::span<const std::byte> data,
             std::span<std::byte, H::digest_size> out) {
  { H::block_size } -> std::convertible_to<std::size_t>;
  { H::digest_size } -> std::convertible_to<std::size_t>;
  requires H::digest_size <= H::block_size;
  { H::initial_state } -> std::convertible_to<typename H::chaining_state>;
  H(state, std::uint64_t{1});
  H::compress(state, std::span<const std::byte, H::block_size>(data.data(), H::block_size));
  h.update(data);
  h.finish(out);
};

template <resumable_hash Hash>
class hmac_context;

/// An HMAC key, preprocessed: the inner and outer hash states after the padded key block.
template <resumable_hash Hash>
class hmac_key {
 public:
  using hash_type = Hash;
  static constexpr std::size_t block_size = Hash::block_size;
  static constexpr std::size_t digest_size = Hash::digest_size;
  using digest_type = std::array<std::byte, digest_size>;

  /// The empty key (valid for HMAC, if rarely useful).
  constexpr hmac_key() noexcept : hmac_key(std::span<const std::byte>{}) {}

  constexpr explicit hmac_key(std::span<const std::byte> key) noexcept {
    std::array<std::byte, block_size> padded_key{};  // K, zero-padded to one block
    if (key.size() > block_size) {
      Hash long_key;
      long_key.update(key);
      long_key.finish(std::span(padded_key).template first<digest_size>());
    } else {
      for (std::size_t i = 0; i < key.size(); ++i) padded_key[i] = key[i];
    }
    inner_ = absorb_padded_key(padded_key, std::byte{0x36});
    outer_ = absorb_padded_key(padded_key, std::byte{0x5c});
  }

  /// HMAC(key, message) into `out`.
  constexpr void sign(std::span<const std::byte> message,
                      std::span<std::byte, digest_size> out) const noexcept {
    Hash inner(inner_, 1);
    inner.update(message);
    finish_outer(inner, outer_, out);
  }
  [[nodiscard]] constexpr digest_type sign(std::span<const std::byte> message) const noexcept {
    digest_type out{};
    sign(message, out);
    return out;
  }

 private:
  friend class hmac_context<Hash>;
  using chaining_state = typename Hash::chaining_state;

  [[nodiscard]] static constexpr chaining_state absorb_padded_key(
      std::array<std::byte, block_size> padded_key, std::byte pad) noexcept {
    for (std::byte& b : padded_key) b ^= pad;
    chaining_state state = Hash::initial_state;
    Hash::compress(state, padded_key);
    return state;
  }

  // H((K ^ opad) || inner digest), the outer hash resumed after its key block.
  static constexpr void finish_outer(Hash& inner, const chaining_state& outer_state,
                                     std::span<std::byte, digest_size> out) noexcept {
    std::array<std::byte, digest_size> inner_digest{};
    inner.finish(inner_digest);
    Hash outer(outer_state, 1);
    outer.update(inner_digest);
    outer.finish(out);
  }

  chaining_state inner_{};
  chaining_state outer_{};
};

/// A streaming HMAC: update() any number of times, then finish() (which rearms the same key).
template <resumable_hash Hash>
class hmac_context {
 public:
  using key_type = hmac_key<Hash>;
  static constexpr std::size_t digest_size = Hash::digest_size;
  using digest_type = typename key_type::digest_type;

  constexpr explicit hmac_context(const key_type& key) noexcept
      : key_(key), inner_(key.inner_, 1) {}

  /// Back to the start of a message under the same key.
  constexpr void reset() noexcept { inner_ = Hash(key_.inner_, 1); }

  constexpr void update(std::span<const std::byte> data) noexcept { inner_.update(data); }

  /// Writes the tag and rearms the context for a new message under the same key.
  constexpr void finish(std::span<std::byte, digest_size> out) noexcept {
    key_type::finish_outer(inner_, key_.outer_, out);
    reset();
  }
  [[nodiscard]] constexpr digest_type finish() noexcept {
    digest_type out{};
    finish(out);
    return out;
  }

 private:
  key_type key_;
  Hash inner_;
};

using hmac_sha1_key = hmac_key<sha1_context>;
using hmac_sha256_key = hmac_key<sha256_context>;
using hmac_sha1_context = hmac_context<sha1_context>;
using hmac_sha256_context = hmac_context<sha256_context>;

/// HMAC(key, message) into `out`, for any resumable hash: crypto::hmac<sha256_context>(k, m, o).
template <resumable_hash Hash>
constexpr void hmac(std::span<const std::byte> key, std::span<const std::byte> message,
                    std::span<std::byte, Hash::digest_size> out) noexcept {
  hmac_key<Hash>(key).sign(message, out);
}

/// HMAC-SHA1 of `message` under `key` in one call.
[[nodiscard]] constexpr sha1_digest hmac_sha1(std::span<const std::byte> key,
                                              std::span<const std::byte> message) noexcept {
  return hmac_sha1_key(key).sign(message);
}

/// HMAC-SHA256 of `message` under `key` in one call.
[[nodiscard]] constexpr sha256_digest hmac_sha256(std::span<const std::byte> key,
                                                  std::span<const std::byte> message) noexcept {
  return hmac_sha256_key(key).sign(message);
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_HMAC_HPP
