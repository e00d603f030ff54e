// SPDX-License-Identifier: MIT
// objproc/crypto/concepts.hpp - the crypto_provider concept: how hashing plugs in.
//
// Requirements on a provider C (given `const C& c`):
//   c.sha1(msg, out20)              -> result<void>, noexcept   SHA-1 of msg into out20
//   c.sha256(msg, out32)            -> result<void>, noexcept   SHA-256 of msg into out32
//   c.hmac_sha1(key, msg, out20)    -> result<void>, noexcept   HMAC-SHA1 (RFC 2104)
//   c.hmac_sha256(key, msg, out32)  -> result<void>, noexcept   HMAC-SHA256 (RFC 2104)
// where msg and key are std::span<const std::byte> of any length (keys longer than a block are
// hashed first, as RFC 2104 says) and outN is std::span<std::byte, N>. A provider allocates
// nothing on the heap and reports its own failures as errc::crypto_failed (its native code in
// error::provider_code). Models: crypto::portable (built in, constexpr) and
// objproc::openssl::crypto (adapters/openssl). Exemplar: tests/archetypes/crypto_provider.hpp.
#ifndef OBJPROC_CRYPTO_CONCEPTS_HPP
#define OBJPROC_CRYPTO_CONCEPTS_HPP

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

using sha1_digest = std::array<std::byte, 20>;
using sha256_digest = std::array<std::byte, 32>;

template <class C>
concept crypto_provider = requires(const C& c, std::span<const std::byte> key,
                                   std::span<const std::byte> msg, std::span<std::byte, 20> out20,
                                   std::span<std::byte, 32> out32) {
  { c.sha1(msg, out20) }
  noexcept->std::same_as<result<void>>;
  { c.sha256(msg, out32) }
  noexcept->std::same_as<result<void>>;
  { c.hmac_sha1(key, msg, out20) }
  noexcept->std::same_as<result<void>>;
  { c.hmac_sha256(key, msg, out32) }
  noexcept->std::same_as<result<void>>;
};

/// The bytes of a text, for passing strings to a provider (run time only: it reinterprets).
[[nodiscard]] inline std::span<const std::byte> as_bytes(std::string_view text) noexcept {
  return std::as_bytes(std::span<const char>(text.data(), text.size()));
}

namespace crypto {

/// Convenience wrappers returning the digest by value: crypto::sha256(provider, bytes).
template <class C>
[[nodiscard]] constexpr result<sha1_digest> sha1(const C& c,
                                                 std::span<const std::byte> msg) noexcept {
  static_assert(
      crypto_provider<C>,
      "objproc::crypto::sha1 requires a crypto_provider: see objproc/crypto/concepts.hpp");
  sha1_digest out{};
  if (auto r = c.sha1(msg, out); !r) return r.error();
  return out;
}
template <class C>
[[nodiscard]] constexpr result<sha256_digest> sha256(const C& c,
                                                     std::span<const std::byte> msg) noexcept {
  static_assert(
      crypto_provider<C>,
      "objproc::crypto::sha256 requires a crypto_provider: see objproc/crypto/concepts.hpp");
  sha256_digest out{};
  if (auto r = c.sha256(msg, out); !r) return r.error();
  return out;
}
template <class C>
[[nodiscard]] constexpr result<sha1_digest> hmac_sha1(const C& c, std::span<const std::byte> key,
                                                      std::span<const std::byte> msg) noexcept {
  static_assert(
      crypto_provider<C>,
      "objproc::crypto::hmac_sha1 requires a crypto_provider: see objproc/crypto/concepts.hpp");
  sha1_digest out{};
  if (auto r = c.hmac_sha1(key, msg, out); !r) return r.error();
  return out;
}
template <class C>
[[nodiscard]] constexpr result<sha256_digest> hmac_sha256(const C& c,
                                                          std::span<const std::byte> key,
                                                          std::span<const std::byte> msg) noexcept {
  static_assert(
      crypto_provider<C>,
      "objproc::crypto::hmac_sha256 requires a crypto_provider: see objproc/crypto/concepts.hpp");
  sha256_digest out{};
  if (auto r = c.hmac_sha256(key, msg, out); !r) return r.error();
  return out;
}

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_CONCEPTS_HPP
