// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/crypto/portable.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <type_traits>

#include "archetypes/crypto_provider.hpp"
#include "unit/crypto/known_answers.hpp"

namespace {

namespace crypto = objproc::crypto;

static_assert(objproc::crypto_provider<crypto::portable>);
static_assert(std::is_empty_v<crypto::portable> && std::is_trivially_copyable_v<crypto::portable>);

}  // namespace

TEST_CASE("portable: published vectors", "[crypto][portable]") {
  known_answers::check_known_answers(crypto::portable{});
}

TEST_CASE("portable: the concept's wrappers return digests by value", "[crypto][portable]") {
  const crypto::portable provider;
  const auto abc = known_answers::bytes("abc");
  const objproc::result<objproc::sha256_digest> digest = crypto::sha256(provider, abc);
  REQUIRE(digest.has_value());
  CHECK(*digest == crypto::sha256(abc));
  const auto tag = crypto::hmac_sha1(provider, abc, abc);
  REQUIRE(tag.has_value());
  CHECK(*tag == crypto::hmac_sha1(abc, abc));
}

TEST_CASE("portable: the archetype reports failure through the same wrappers",
          "[crypto][archetype]") {
  const archetypes::crypto_provider provider(0);
  const auto abc = known_answers::bytes("abc");
  const auto digest = crypto::sha256(provider, abc);
  REQUIRE_FALSE(digest.has_value());
  CHECK(digest.error() == archetypes::crypto_provider_error);
  CHECK_FALSE(crypto::sha1(provider, abc).has_value());
  CHECK_FALSE(crypto::hmac_sha1(provider, abc, abc).has_value());
  CHECK(crypto::hmac_sha256(provider, abc, abc).error().code == objproc::errc::crypto_failed);
}
