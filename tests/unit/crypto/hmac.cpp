// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/crypto/hmac.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include "unit/crypto/known_answers.hpp"

namespace {

namespace crypto = objproc::crypto;
using known_answers::pattern;
using known_answers::to_hex;
using known_answers::truncated_hex;

static_assert(crypto::resumable_hash<crypto::sha1_context>);
static_assert(crypto::resumable_hash<crypto::sha256_context>);
static_assert(!crypto::resumable_hash<int>);

// A precomputed key is two chaining states and nothing else: cheap to copy and to cache.
static_assert(std::is_trivially_copyable_v<crypto::hmac_sha256_key>);
static_assert(std::is_trivially_copyable_v<crypto::hmac_sha1_key>);
static_assert(sizeof(crypto::hmac_sha256_key) == 2 * 32);
static_assert(sizeof(crypto::hmac_sha1_key) == 2 * 20);
static_assert(std::is_same_v<crypto::hmac_sha256_key::digest_type, objproc::sha256_digest>);
static_assert(std::is_same_v<crypto::hmac_sha1_key::digest_type, objproc::sha1_digest>);

struct key_length_case {
  std::size_t key_length;     // key: pattern(key_length, 17, 3); message: pattern(100)
  std::string_view sha1_hex;  // computed with Python's hmac module
  std::string_view sha256_hex;
};

// Around the block size: shorter keys are zero-padded, longer ones hashed first.
constexpr key_length_case key_length_cases[] = {
    {0, "2e1add1184b2f5cdd1681162cfaac06aeb04466b",
     "2bc6d2c066d3deec1e27ef71f4690e4ef28cac53b8844cf2fc2407bf232d0659"},
    {1, "e2d04ffa2600ff241d7d476d126afe303d876946",
     "a47895f3c2c80c5da60bdb8ccf6da1de08a3f850782af9ab8e5617f8bae5f44a"},
    {63, "7974785ad6cba260c1a40a946fc8ef9ac79a5735",
     "ecc8425718c3bee315c245f407d4a39ec1b8423393a81e06649385b06100df3f"},
    {64, "d71c9b0d7ab366a93e83908e64f353c87541afea",
     "5172922542ef03ff37f788c08186f367ba0257692d1ed858b04491f39039dfb4"},
    {65, "3fc7d450ace376284dba75e14ae4da2a1d70ba92",
     "65226dc6dcb9e24c130b0aa2c52a47d7c934848dc979ae9249123447ac8c43fc"},
    {200, "b717beedc7ec446d1dc33496bb42cd5e32e25f7d",
     "69fa011488b22995368bb957aacb2c6e03d853bbd095eb3f14358ee15ab49cd9"},
};

}  // namespace

TEST_CASE("hmac: published vectors through keys, contexts and one-shots", "[crypto][hmac]") {
  for (const auto& c : known_answers::rfc2202_hmac_sha1_cases()) {
    INFO(c.name);
    const crypto::hmac_sha1_key key(c.key);
    CHECK(truncated_hex(key.sign(c.message), c.expected_hex) == c.expected_hex);
    CHECK(truncated_hex(crypto::hmac_sha1(c.key, c.message), c.expected_hex) == c.expected_hex);
    crypto::hmac_sha1_context context(key);
    context.update(c.message);
    CHECK(truncated_hex(context.finish(), c.expected_hex) == c.expected_hex);
  }
  for (const auto& c : known_answers::rfc4231_hmac_sha256_cases()) {
    INFO(c.name);
    const crypto::hmac_sha256_key key(c.key);
    CHECK(truncated_hex(key.sign(c.message), c.expected_hex) == c.expected_hex);
    CHECK(truncated_hex(crypto::hmac_sha256(c.key, c.message), c.expected_hex) == c.expected_hex);
    objproc::sha256_digest tag{};
    crypto::hmac<crypto::sha256_context>(c.key, c.message, tag);
    CHECK(truncated_hex(tag, c.expected_hex) == c.expected_hex);
  }
}

TEST_CASE("hmac: key lengths around the block size", "[crypto][hmac]") {
  const auto message = pattern(100);
  for (const key_length_case& c : key_length_cases) {
    INFO("key length " << c.key_length);
    const auto key = pattern(c.key_length, 17, 3);
    CHECK(to_hex(crypto::hmac_sha1(key, message)) == c.sha1_hex);
    CHECK(to_hex(crypto::hmac_sha256(key, message)) == c.sha256_hex);
  }
}

TEST_CASE("hmac: a key longer than a block is replaced by its hash", "[crypto][hmac]") {
  const auto message = pattern(77);
  for (std::size_t length : {65u, 100u, 131u, 1000u}) {
    INFO("key length " << length);
    const auto long_key = pattern(length, 5, 1);
    CHECK(crypto::hmac_sha256(long_key, message) ==
          crypto::hmac_sha256(crypto::sha256(long_key), message));
    CHECK(crypto::hmac_sha1(long_key, message) ==
          crypto::hmac_sha1(crypto::sha1(long_key), message));
  }
}

TEST_CASE("hmac: the default key is the empty key", "[crypto][hmac]") {
  const auto message = pattern(100);
  CHECK(to_hex(crypto::hmac_sha256_key().sign(message)) == key_length_cases[0].sha256_hex);
  CHECK(to_hex(crypto::hmac_sha1_key().sign(message)) == key_length_cases[0].sha1_hex);
}

TEST_CASE("hmac: a key is a reusable, copyable value", "[crypto][hmac]") {
  const auto secret = known_answers::bytes("Jefe");
  const auto message = known_answers::bytes("what do ya want for nothing?");
  const crypto::hmac_sha256_key key(secret);
  const auto first = key.sign(message);
  CHECK(key.sign(message) == first);  // signing does not consume the key
  crypto::hmac_sha256_key copy = key;
  CHECK(copy.sign(message) == first);
  copy = crypto::hmac_sha256_key(known_answers::bytes("other"));
  CHECK(copy.sign(message) != first);
  CHECK(key.sign(message) == first);
  objproc::sha256_digest out{};
  key.sign(message, out);
  CHECK(out == first);
}

TEST_CASE("hmac: streaming split at every position", "[crypto][hmac]") {
  const crypto::hmac_sha256_key key256(pattern(40, 17, 3));
  const crypto::hmac_sha1_key key1(pattern(40, 17, 3));
  for (std::size_t length : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 200u}) {
    const auto message = pattern(length);
    const std::span<const std::byte> whole(message);
    const auto expected256 = key256.sign(whole);
    const auto expected1 = key1.sign(whole);
    for (std::size_t split = 0; split <= length; ++split) {
      INFO("length " << length << ", split at " << split);
      crypto::hmac_sha256_context context256(key256);
      context256.update(whole.first(split));
      context256.update(whole.subspan(split));
      CHECK(context256.finish() == expected256);
      crypto::hmac_sha1_context context1(key1);
      context1.update(whole.first(split));
      context1.update(whole.subspan(split));
      CHECK(context1.finish() == expected1);
    }
  }
}

TEST_CASE("hmac: finish and reset rearm the context under the same key", "[crypto][hmac]") {
  const crypto::hmac_sha256_key key(known_answers::bytes("Jefe"));
  const auto message = known_answers::bytes("what do ya want for nothing?");
  const std::string_view expected =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  crypto::hmac_sha256_context context(key);
  context.update(message);
  CHECK(to_hex(context.finish()) == expected);
  context.update(message);  // a second message after finish()
  objproc::sha256_digest out{};
  context.finish(out);
  CHECK(to_hex(out) == expected);
  context.update(known_answers::bytes("discarded"));
  context.reset();
  context.update(message);
  CHECK(to_hex(context.finish()) == expected);
}
