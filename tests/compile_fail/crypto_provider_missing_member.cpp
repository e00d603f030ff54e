// SPDX-License-Identifier: MIT
// A provider without hmac_sha256 is refused with a message saying what is required.
// expect: requires a crypto_provider
#include <span>

#include "objproc/crypto/concepts.hpp"

struct half_provider {
  objproc::result<void> sha1(std::span<const std::byte>, std::span<std::byte, 20>) const noexcept {
    return {};
  }
  objproc::result<void> sha256(std::span<const std::byte>,
                               std::span<std::byte, 32>) const noexcept {
    return {};
  }
  objproc::result<void> hmac_sha1(std::span<const std::byte>, std::span<const std::byte>,
                                  std::span<std::byte, 20>) const noexcept {
    return {};
  }
};

int main() {
  auto d = objproc::crypto::sha256(half_provider{}, objproc::as_bytes("abc"));
  return d.has_value() ? 0 : 1;
}
