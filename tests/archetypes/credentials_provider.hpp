// SPDX-License-Identifier: MIT
// tests/archetypes/credentials_provider.hpp - the smallest credentials_provider: exactly get(),
// non-const (a refreshing provider mutates its cache), not copyable.
#ifndef OBJPROC_TESTS_ARCHETYPES_CREDENTIALS_PROVIDER_HPP
#define OBJPROC_TESTS_ARCHETYPES_CREDENTIALS_PROVIDER_HPP

#include "objproc/credentials.hpp"

namespace archetypes {

class credentials_provider {
 public:
  explicit credentials_provider(int /*tag*/) {}
  credentials_provider(const credentials_provider&) = delete;
  credentials_provider& operator=(const credentials_provider&) = delete;
  objproc::result<objproc::owned_credentials> get() {
    ++calls;
    return objproc::owned_credentials("archetype-id", "archetype-secret", "");
  }
  int calls = 0;
};
static_assert(objproc::credentials_provider<credentials_provider>,
              "the archetype must model credentials_provider");

struct wrong_return {  // returns a view, not owned credentials: not a provider
  objproc::oss::credentials get() { return {}; }
};
static_assert(!objproc::credentials_provider<wrong_return>);

}  // namespace archetypes

#endif  // OBJPROC_TESTS_ARCHETYPES_CREDENTIALS_PROVIDER_HPP
