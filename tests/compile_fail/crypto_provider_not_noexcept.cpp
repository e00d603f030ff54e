// SPDX-License-Identifier: MIT
// Providers must be noexcept: the core is built for -fno-exceptions engines.
// expect: requires a crypto_provider
#include <span>

#include "objproc/crypto/concepts.hpp"

struct throwing_provider {
  objproc::result<void> sha1(std::span<const std::byte>, std::span<std::byte, 20>) const {
    return {};
  }
  objproc::result<void> sha256(std::span<const std::byte>, std::span<std::byte, 32>) const {
    return {};
  }
  objproc::result<void> hmac_sha1(std::span<const std::byte>, std::span<const std::byte>,
                                  std::span<std::byte, 20>) const {
    return {};
  }
  objproc::result<void> hmac_sha256(std::span<const std::byte>, std::span<const std::byte>,
                                    std::span<std::byte, 32>) const {
    return {};
  }
};

int main() {
  auto d = objproc::crypto::hmac_sha256(throwing_provider{}, objproc::as_bytes("k"),
                                        objproc::as_bytes("m"));
  return d.has_value() ? 0 : 1;
}
