// The control: the correct uses the other snippets get wrong. It must compile, so a harness
// that rejects everything cannot pass.
#include "archetypes/crypto_provider.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/crypto/portable.hpp"

template <objproc::fixed_string S>
struct named {};

constexpr int value_of_success = objproc::result<int>(42).value();
static_assert(value_of_success == 42);

int main() {
  objproc::result<int> r = 1;
  named<"abc"> n;
  (void)n;
  const objproc::fixed_string<3> s = "abc";
  auto digest = objproc::crypto::sha256(objproc::crypto::portable{}, objproc::as_bytes("abc"));
  auto archetype = objproc::crypto::sha256(archetypes::crypto_provider{0}, objproc::as_bytes(""));
  return (r.has_value() && s.size() == 3 && digest.has_value() && !archetype.has_value()) ? 0 : 1;
}
