// SPDX-License-Identifier: MIT
// result<T&> is not supported (as std::expected).
// expect: T must not be a reference
#include "objproc/core/result.hpp"

int main() {
  int x = 0;
  objproc::result<int&> r = x;
  return r.has_value() ? 0 : 1;
}
