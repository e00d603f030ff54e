// SPDX-License-Identifier: MIT
// tests/archetypes/crypto_provider.hpp - the smallest type that models crypto_provider.
//
// An archetype proves the concept's shape: exactly the required members and nothing else, so a
// generic algorithm that compiles against it asks no more of a provider than the concept says.
// Its bodies only report failure (errc::crypto_failed), which also exercises error paths.
// The near misses below each drop one requirement and must not model the concept.
#ifndef OBJPROC_TESTS_ARCHETYPES_CRYPTO_PROVIDER_HPP
#define OBJPROC_TESTS_ARCHETYPES_CRYPTO_PROVIDER_HPP

#include <cstddef>
#include <span>

#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"

namespace archetypes {

/// The error every archetype call returns.
inline constexpr objproc::error crypto_provider_error{
    objproc::errc::crypto_failed, objproc::error::no_offset, "archetype: not implemented", 0};

class crypto_provider {
 public:
  crypto_provider() = delete;  // generic code must not construct providers itself
  explicit constexpr crypto_provider(int /*tag*/) noexcept {}
  crypto_provider(const crypto_provider&) = delete;  // nor copy them: they are passed by const&
  crypto_provider& operator=(const crypto_provider&) = delete;

  constexpr objproc::result<void> sha1(std::span<const std::byte>,
                                       std::span<std::byte, 20>) const noexcept {
    return crypto_provider_error;
  }
  constexpr objproc::result<void> sha256(std::span<const std::byte>,
                                         std::span<std::byte, 32>) const noexcept {
    return crypto_provider_error;
  }
  constexpr objproc::result<void> hmac_sha1(std::span<const std::byte>, std::span<const std::byte>,
                                            std::span<std::byte, 20>) const noexcept {
    return crypto_provider_error;
  }
  constexpr objproc::result<void> hmac_sha256(std::span<const std::byte>,
                                              std::span<const std::byte>,
                                              std::span<std::byte, 32>) const noexcept {
    return crypto_provider_error;
  }
};

static_assert(objproc::crypto_provider<crypto_provider>,
              "the archetype must model crypto_provider");

namespace near_misses {

using objproc::result;
using bytes = std::span<const std::byte>;
using out20 = std::span<std::byte, 20>;
using out32 = std::span<std::byte, 32>;

// hmac_sha256 may throw: not a provider.
struct missing_noexcept {
  result<void> sha1(bytes, out20) const noexcept;
  result<void> sha256(bytes, out32) const noexcept;
  result<void> hmac_sha1(bytes, bytes, out20) const noexcept;
  result<void> hmac_sha256(bytes, bytes, out32) const;
};
static_assert(!objproc::crypto_provider<missing_noexcept>, "a member without noexcept");

// No hmac_sha1 at all.
struct missing_member {
  result<void> sha1(bytes, out20) const noexcept;
  result<void> sha256(bytes, out32) const noexcept;
  result<void> hmac_sha256(bytes, bytes, out32) const noexcept;
};
static_assert(!objproc::crypto_provider<missing_member>, "a missing member");

// sha1 is not const: unusable through the const& that generic code holds.
struct non_const_member {
  result<void> sha1(bytes, out20) noexcept;
  result<void> sha256(bytes, out32) const noexcept;
  result<void> hmac_sha1(bytes, bytes, out20) const noexcept;
  result<void> hmac_sha256(bytes, bytes, out32) const noexcept;
};
static_assert(!objproc::crypto_provider<non_const_member>, "a non-const member");

// sha256 returns bool instead of result<void>.
struct wrong_return_type {
  result<void> sha1(bytes, out20) const noexcept;
  bool sha256(bytes, out32) const noexcept;
  result<void> hmac_sha1(bytes, bytes, out20) const noexcept;
  result<void> hmac_sha256(bytes, bytes, out32) const noexcept;
};
static_assert(!objproc::crypto_provider<wrong_return_type>, "a wrong return type");

}  // namespace near_misses

}  // namespace archetypes

#endif  // OBJPROC_TESTS_ARCHETYPES_CRYPTO_PROVIDER_HPP
