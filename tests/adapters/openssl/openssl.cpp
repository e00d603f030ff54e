// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/adapters/openssl.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

#include "objproc/crypto/portable.hpp"
#include "unit/crypto/known_answers.hpp"

namespace {

using objproc::crypto::portable;
using provider = objproc::openssl::crypto;

static_assert(objproc::crypto_provider<provider>);
static_assert(std::is_trivially_copyable_v<provider>, "an empty handle, cheap to pass around");

constexpr std::size_t max_length = 1000;

/// max_length + 1 bytes from a fixed seed, so every run checks the same inputs.
std::vector<std::byte> random_bytes(std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::vector<std::byte> out(max_length + 1);
  for (std::byte& b : out) b = static_cast<std::byte>(generator());
  return out;
}

}  // namespace

TEST_CASE("openssl: published vectors", "[crypto][openssl]") {
  known_answers::check_known_answers(provider{});
}

TEST_CASE("openssl: agrees with portable on every length up to 1000", "[crypto][openssl]") {
  const provider openssl;
  const portable builtin;
  const std::vector<std::byte> message_pool = random_bytes(0x6f626a70726f6301);
  const std::vector<std::byte> key_pool = random_bytes(0x6f626a70726f6302);
  const std::span<const std::byte> messages(message_pool);
  const std::span<const std::byte> keys(key_pool);

  std::size_t mismatches = 0;
  for (std::size_t length = 0; length <= max_length; ++length) {
    const auto message = messages.first(length);
    // Every key length meets some message length and the other way round, without all pairs.
    const auto key = keys.first(length);
    const auto other_message = messages.subspan(length * 37 % (max_length + 1));
    const auto other_key = keys.first(length * 13 % (max_length + 1));

    objproc::sha1_digest sha1_a{}, sha1_b{};
    objproc::sha256_digest sha256_a{}, sha256_b{};
    const bool all_ok = openssl.sha1(message, sha1_a).has_value() &&
                        builtin.sha1(message, sha1_b).has_value() &&
                        openssl.sha256(message, sha256_a).has_value() &&
                        builtin.sha256(message, sha256_b).has_value();
    if (!all_ok || sha1_a != sha1_b || sha256_a != sha256_b) {
      ++mismatches;
      UNSCOPED_INFO("hash mismatch at message length " << length);
    }

    const std::span<const std::byte> hmac_inputs[][2] = {{key, other_message},
                                                         {other_key, message}};
    for (const auto& [hmac_key, hmac_message] : hmac_inputs) {
      objproc::sha1_digest tag1_a{}, tag1_b{};
      objproc::sha256_digest tag256_a{}, tag256_b{};
      const bool hmac_ok = openssl.hmac_sha1(hmac_key, hmac_message, tag1_a).has_value() &&
                           builtin.hmac_sha1(hmac_key, hmac_message, tag1_b).has_value() &&
                           openssl.hmac_sha256(hmac_key, hmac_message, tag256_a).has_value() &&
                           builtin.hmac_sha256(hmac_key, hmac_message, tag256_b).has_value();
      if (!hmac_ok || tag1_a != tag1_b || tag256_a != tag256_b) {
        ++mismatches;
        UNSCOPED_INFO("HMAC mismatch at key length " << hmac_key.size() << ", message length "
                                                     << hmac_message.size());
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("openssl: a failure carries the first queued error and clears the queue",
          "[crypto][openssl]") {
  ERR_clear_error();
  ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
  const unsigned long first = ERR_peek_error();
  ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
  REQUIRE(first != 0);
  const objproc::error e = objproc::openssl::detail::failure("test detail");
  CHECK(e.code == objproc::errc::crypto_failed);
  CHECK_FALSE(e.has_offset());
  CHECK(e.detail == "test detail");
  CHECK(e.provider_code == static_cast<long>(first));
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("openssl: the per-thread HMAC contexts are independent", "[crypto][openssl]") {
  const auto message = known_answers::bytes("what do ya want for nothing?");
  const auto expected = objproc::crypto::hmac_sha256(known_answers::bytes("Jefe"), message);
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      const provider openssl;
      // Each thread also signs under its own key, so a shared context would mix them up.
      const auto own_key = known_answers::pattern(t * 50, 3, static_cast<unsigned>(t));
      const auto own_expected = objproc::crypto::hmac_sha256(own_key, message);
      for (int i = 0; i < 200; ++i) {
        objproc::sha256_digest tag{};
        if (!openssl.hmac_sha256(known_answers::bytes("Jefe"), message, tag) || tag != expected) {
          ++failures[t];
        }
        if (!openssl.hmac_sha256(own_key, message, tag) || tag != own_expected) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == std::vector<int>(failures.size(), 0));
}
