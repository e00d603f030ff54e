// SPDX-License-Identifier: MIT
// objproc/crypto/portable.hpp - crypto::portable: the built-in, zero-dependency crypto_provider.
//
// Plain C++20 over sha1.hpp, sha256.hpp and hmac.hpp: constexpr (usable in constant
// evaluation), no heap, never fails - every call returns success. The default signer's provider.
//   crypto::portable provider;  auto digest = crypto::sha256(provider, bytes);
#ifndef OBJPROC_CRYPTO_PORTABLE_HPP
#define OBJPROC_CRYPTO_PORTABLE_HPP

#include <cstddef>
#include <span>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/crypto/hmac.hpp"
#include "objproc/crypto/sha1.hpp"
#include "objproc/crypto/sha256.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace crypto {

struct portable {
  [[nodiscard]] constexpr result<void> sha1(std::span<const std::byte> message,
                                            std::span<std::byte, 20> out) const noexcept {
    sha1_context context;
    context.update(message);
    context.finish(out);
    return {};
  }

  [[nodiscard]] constexpr result<void> sha256(std::span<const std::byte> message,
                                              std::span<std::byte, 32> out) const noexcept {
    sha256_context context;
    context.update(message);
    context.finish(out);
    return {};
  }

  [[nodiscard]] constexpr result<void> hmac_sha1(std::span<const std::byte> key,
                                                 std::span<const std::byte> message,
                                                 std::span<std::byte, 20> out) const noexcept {
    hmac_sha1_key(key).sign(message, out);
    return {};
  }

  [[nodiscard]] constexpr result<void> hmac_sha256(std::span<const std::byte> key,
                                                   std::span<const std::byte> message,
                                                   std::span<std::byte, 32> out) const noexcept {
    hmac_sha256_key(key).sign(message, out);
    return {};
  }
};

static_assert(crypto_provider<portable>, "crypto::portable must model crypto_provider");

}  // namespace crypto

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CRYPTO_PORTABLE_HPP
